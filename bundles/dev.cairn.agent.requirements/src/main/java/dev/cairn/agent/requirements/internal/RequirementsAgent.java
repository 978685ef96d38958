package dev.cairn.agent.requirements.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.cairn.api.CairnException;
import dev.cairn.api.ExitCode;
import dev.cairn.api.ServiceProperties;
import dev.cairn.api.agent.Agent;
import dev.cairn.api.agent.Keys;
import dev.cairn.api.agent.RunContext;
import dev.cairn.api.config.Settings;
import dev.cairn.api.registry.Pinned;
import dev.cairn.api.store.EnvironmentRecord;
import dev.cairn.api.template.Fit;
import dev.cairn.api.template.StackTemplate;

/**
 * Requirements: chooses the stack template (every pinned template says how well it fits), turns the prompt and
 * input documents into a spec validated against the published JSON Schema, and checks the environment. It writes
 * nothing into the workspace: a missing toolchain stops the run with exit 3 before the Coding agent starts.
 */
@Component(property = { ServiceProperties.AGENT_ROLE + "=requirements", ServiceProperties.AGENT_ID + "=rules-requirements" })
public final class RequirementsAgent implements Agent {
	/** Below this, a template does not fit a prompt. */
	static final double MIN_FIT = 0.2;
	static final int MAX_INPUT_CHARS = 200_000;

	private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

	private final Settings settings;
	private final PromptParser parser = new PromptParser();
	private final SpecBuilder specs = new SpecBuilder();

	@Activate
	public RequirementsAgent(@Reference(name = "settings") Settings settings) {
		this.settings = settings;
	}

	@Override
	public void execute(RunContext ctx) throws Exception {
		Pinned<StackTemplate> template = choose(ctx);
		ctx.put(Keys.TEMPLATE, template);

		StringBuilder text = new StringBuilder(ctx.prompt());
		List<String> inputs = new ArrayList<>();
		List<PromptParser.Entity> fromData = new ArrayList<>();
		for (Path input : ctx.inputs()) {
			inputs.add(input.toAbsolutePath().toString());
			if (DataFiles.isData(input)) {
				// a data file describes an entity by its columns; its rows are the template's to use
				PromptParser.Entity e = DataFiles.entity(input);
				ctx.progress("input: " + input.getFileName() + " -> " + e.plural() + " (" + e.fields().size() + " columns)");
				fromData.add(e);
				continue;
			}
			String content = Files.readString(input, StandardCharsets.UTF_8);
			text.append("\n").append(content.length() > MAX_INPUT_CHARS ? content.substring(0, MAX_INPUT_CHARS) : content);
		}
		PromptParser.Result parsed = parser.parse(text.toString());
		if (!fromData.isEmpty()) {
			// the data's own columns win over what the prompt guessed; prompt entities the data lacks stay
			List<PromptParser.Entity> merged = new ArrayList<>(fromData);
			boolean promptHadEntities = parsed.assumptions().stream().noneMatch(a -> a.startsWith("the prompt names no entity"));
			if (promptHadEntities) {
				parsed.entities().stream().filter(e -> fromData.stream().noneMatch(d -> d.name().equals(e.name())))
						.forEach(merged::add);
			}
			parsed = new PromptParser.Result(merged, parsed.assumptions().stream()
					.filter(a -> !a.startsWith("the prompt names no entity")).toList());
		}
		ctx.progress("spec: " + parsed.entities().stream()
				.map(e -> e.plural() + " (" + e.fields().stream().map(f -> f.name() + ":" + f.type() + (f.required() ? "" : "?"))
						.collect(Collectors.joining(", ")) + ")")
				.collect(Collectors.joining("; ")));
		parsed.assumptions().forEach(a -> ctx.progress("assumption: " + a));

		Map<String, String> constraints = new LinkedHashMap<>();
		template.service().toolchain().tools()
				.forEach(t -> constraints.put(t.name(), ">=" + t.minVersion()));
		Map<String, Object> draft = specs.build(ctx.prompt(), template.info().role(), template.info().id(), inputs,
				parsed, constraints);
		if (ctx.model().isPresent()) {
			draft = ModelSpec.write(ctx.model().get(), text.toString(), draft, specs);
			ctx.progress("spec: written by the model (" + ((List<?>) draft.getOrDefault("user_stories", List.of())).size()
					+ " user stories)");
		}
		Map<String, Object> spec;
		try {
			spec = new LinkedHashMap<>(template.service().specify(draft));
		} catch (RuntimeException broken) {
			throw new CairnException(ExitCode.INTERNAL, "template " + template.info().id() + " "
					+ template.info().version() + " failed to complete the spec: " + broken);
		}
		List<String> violations = specs.validate(spec);
		if (violations.isEmpty()) {
			violations = specs.validateOptions(template.service().specSchema(), spec.get("options"));
		}
		if (!violations.isEmpty()) {
			throw new CairnException(ExitCode.INTERNAL, "the spec for " + template.info().id() + " does not match its schema: "
					+ violations.get(0));
		}
		Files.createDirectories(ctx.runDirectory());
		Files.writeString(ctx.runDirectory().resolve("spec.json"), JSON.writeValueAsString(spec));
		ctx.put(Keys.SPEC, spec);

		String python = settings.get("python").map(Settings.Value::value).orElse("python3");
		Environment.Found env = new Environment(ctx.processes(), ctx.runDirectory().resolve("logs"))
				.check(template.service().toolchain(), python);
		env.versions().forEach((tool, version) -> ctx.progress("environment: " + tool + " " + version
				+ (env.tools().containsKey(tool) ? " (" + env.tools().get(tool) + ")" : "")));
		if (env.indexSummary() != null) {
			ctx.progress("environment: package " + env.indexSummary());
		}
		ctx.put(Keys.TOOLS, env.tools());
		ctx.put(Keys.PIP_INDEX, env.pipArgs());
		ctx.ledger().environment(new EnvironmentRecord(ctx.runId(),
				System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
				System.getProperty("java.version"), env.versions().get("python"), env.versions().get("node"), env.tools(),
				relevantVariableNames(), env.indexSummary(), ctx.processes().isolation(),
				ctx.get(Keys.SNAPSHOT).map(s -> s.ref()).orElse(null), Instant.now()));
	}

	/** The pinned template for {@code --stack}, or the best fit for the prompt; explains ties and misses. */
	Pinned<StackTemplate> choose(RunContext ctx) {
		List<Pinned<StackTemplate>> templates = ctx.templates();
		Optional<String> requested = ctx.requestedStack();
		if (requested.isPresent()) {
			String want = requested.get().toLowerCase(Locale.ROOT);
			return templates.stream().filter(t -> t.info().role().equals(want) || t.info().id().equals(want))
					.findFirst().orElseThrow(() -> CairnException.usage("unknown stack '" + requested.get()
							+ "'; available: " + available(templates)));
		}
		record Scored(Pinned<StackTemplate> template, Fit fit) {
		}
		List<Scored> scored = new ArrayList<>();
		for (Pinned<StackTemplate> t : templates) {
			Fit fit;
			try {
				fit = t.service().fit(ctx.prompt());
			} catch (RuntimeException broken) {
				fit = Fit.none("the template failed to answer: " + broken);
			}
			scored.add(new Scored(t, fit));
		}
		scored.sort(Comparator.comparingDouble((Scored s) -> s.fit().score()).reversed()
				.thenComparing(s -> -s.template().info().ranking()).thenComparing(s -> s.template().info().id()));
		if (scored.isEmpty() || scored.get(0).fit().score() < MIN_FIT) {
			throw CairnException.usage("no stack template fits this prompt ("
					+ (scored.isEmpty() ? "none is installed"
							: scored.stream().map(s -> s.template().info().id() + ": " + s.fit().reason())
									.collect(Collectors.joining("; ")))
					+ "); name one with --stack, available: " + available(templates));
		}
		Scored best = scored.get(0);
		if (scored.size() > 1 && scored.get(1).fit().score() == best.fit().score()) {
			ctx.progress("stack: tie at " + best.fit().score() + " between " + best.template().info().id() + " and "
					+ scored.get(1).template().info().id() + "; chose " + best.template().info().id()
					+ " (higher ranking, then id)");
		}
		ctx.progress("stack: " + best.template().info().role() + " with " + best.template().info().id() + " "
				+ best.template().info().version() + " (" + best.fit().reason() + ", fit " + best.fit().score() + ")");
		return best.template();
	}

	private static String available(List<Pinned<StackTemplate>> templates) {
		return templates.isEmpty() ? "none"
				: templates.stream().map(t -> t.info().role() + " (" + t.info().id() + " " + t.info().version() + ")")
						.collect(Collectors.joining(", "));
	}

	/** Names, never values, of the variables that shape a build. */
	static List<String> relevantVariableNames() {
		return System.getenv().keySet().stream()
				.filter(k -> k.equals("PATH") || k.equals("HOME") || k.startsWith("PIP_") || k.startsWith("CAIRN_")
						|| k.startsWith("PYTHON") || k.startsWith("VIRTUAL_ENV") || k.startsWith("NODE_")
						|| k.startsWith("NPM_") || k.endsWith("_API_KEY") || k.startsWith("OPENAI_"))
				.sorted().toList();
	}
}
