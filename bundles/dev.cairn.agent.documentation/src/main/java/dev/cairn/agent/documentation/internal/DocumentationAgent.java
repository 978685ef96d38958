package dev.cairn.agent.documentation.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.cairn.api.CairnException;
import dev.cairn.api.ExitCode;
import dev.cairn.api.ServiceProperties;
import dev.cairn.api.agent.Agent;
import dev.cairn.api.agent.Keys;
import dev.cairn.api.agent.RunContext;
import dev.cairn.api.guard.Redactor;
import dev.cairn.api.registry.Pinned;
import dev.cairn.api.store.ArtifactRecord;
import dev.cairn.api.store.DependencyRecord;
import dev.cairn.api.template.StackTemplate;

/**
 * Documentation: completes the project's README (known limitations and a reproducibility summary after the
 * template's own quickstart) and packages {@code <home>/dist/<run>.zip}: the project without rebuildable folders,
 * the run's logs and reports, the spec, and {@code manifest.json} listing every file with its size and SHA-256.
 */
@Component(property = { ServiceProperties.AGENT_ROLE + "=documentation", ServiceProperties.AGENT_ID + "=readme-packager" })
public final class DocumentationAgent implements Agent {
	/** Rebuildable or machine-local: never packaged. */
	static final Set<String> SKIP = Set.of(".venv", "node_modules", "__pycache__", ".pytest_cache", ".next", ".git");
	private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
			.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

	@org.osgi.service.component.annotations.Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
			policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC,
			policyOption = org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY)
	private volatile Redactor redactor;

	private String redact(String text) {
		Redactor r = redactor;
		return r == null ? text : r.redact(text);
	}

	@Override
	public void execute(RunContext ctx) throws Exception {
		Pinned<StackTemplate> template = ctx.get(Keys.TEMPLATE)
				.orElseThrow(() -> new CairnException(ExitCode.INTERNAL, "no template was chosen before documentation"));
		Map<String, Object> spec = ctx.get(Keys.SPEC).orElse(Map.of());
		Path readme = ctx.workspace().resolve("README.md");
		String base = Files.exists(readme) ? Files.readString(readme) : "# " + spec.getOrDefault("title", "Project") + "\n";
		List<DependencyRecord> deps = ctx.ledger().details(ctx.runId()).map(d -> d.dependencies()).orElse(List.of());
		ModelSections written = ctx.model().isPresent() ? ModelSections.write(ctx, ctx.model().get(), spec, base)
				: ModelSections.NONE;
		String text = redact(base.stripTrailing()) + "\n\n" + written.overview()
				+ limitations(template.service().limitations(spec), spec) + written.limitations() + "\n"
				+ reproducibility(ctx, template, deps);
		// the README quotes the prompt (in the regenerate command): it never carries a secret the prompt had
		byte[] bytes = redact(text).getBytes(StandardCharsets.UTF_8);
		Files.write(readme, bytes);
		ctx.ledger().artifacts(List.of(ArtifactRecord.of(ctx.runId(), "README.md", bytes, ctx.step(), "tool")));
		ctx.progress("wrote README.md (quickstart, commands, known limitations, reproducibility)");

		Path dist = packageRun(ctx, template, spec);
		ctx.put(Keys.DIST, dist);
		ctx.progress("packaged " + dist + " (" + Files.size(dist) + " bytes)");
	}

	@SuppressWarnings("unchecked")
	static String limitations(List<String> ofTemplate, Map<String, Object> spec) {
		StringBuilder b = new StringBuilder("## Known limitations\n\n");
		ofTemplate.forEach(l -> b.append("- ").append(l).append('\n'));
		for (String assumption : (List<String>) spec.getOrDefault("assumptions", List.of())) {
			b.append("- Assumed: ").append(assumption).append(".\n");
		}
		return b.toString();
	}

	static String reproducibility(RunContext ctx, Pinned<StackTemplate> template, List<DependencyRecord> deps) {
		StringBuilder b = new StringBuilder("## Reproducibility\n\n");
		b.append("| | |\n|---|---|\n");
		// a replay writes the original's id: a faithful replay reproduces this file byte for byte
		b.append("| Cairn run | `").append(ctx.replayOf().orElse(ctx.runId())).append("` |\n");
		b.append("| Cairn | ").append(ctx.cairnVersion()).append(" |\n");
		b.append("| Template | ").append(template.info().id()).append(' ').append(template.info().version())
				.append(" (bundle ").append(template.info().bundle()).append(' ').append(template.info().bundleVersion())
				.append(") |\n");
		b.append("| Seed | ").append(ctx.seed()).append(" |\n");
		b.append("| Model | ").append(ctx.model().map(m -> m.settings().provider() + " `" + m.settings().model()
				+ "` (replay offline with `./agent replay " + ctx.replayOf().orElse(ctx.runId()) + "`)")
				.orElse("none (deterministic, template-driven)")).append(" |\n");
		ctx.get(Keys.TOOLS).ifPresent(tools -> tools.forEach((k, v) -> b.append("| ").append(k).append(" | `").append(v)
				.append("` |\n")));
		if (!deps.isEmpty()) {
			b.append("| Resolved dependencies | ");
			b.append(String.join(", ", deps.stream().map(d -> d.name() + " " + d.version()).toList())).append(" |\n");
		}
		b.append("\nRegenerate this project with the same template version and seed:\n\n```bash\n./agent run --stack ")
				.append(template.info().role()).append(" --seed ").append(ctx.seed()).append(" \"")
				.append(ctx.prompt().replace("\"", "\\\"").replace("\n", " ")).append("\"\n```\n");
		return b.toString();
	}

	private Path packageRun(RunContext ctx, Pinned<StackTemplate> template, Map<String, Object> spec)
			throws IOException {
		Path home = ctx.runDirectory().getParent().getParent();
		Path dist = home.resolve("dist").resolve(ctx.runId() + ".zip");
		Files.createDirectories(dist.getParent());
		Map<String, Path> entries = new TreeMap<>();
		collect(ctx.workspace(), "project/", entries);
		for (String sub : List.of("logs", "reports")) {
			collect(ctx.runDirectory().resolve(sub), sub + "/", entries);
		}
		// the SBOM: resolved packages with purls and licences, in the run folder, the zip and the ledger
		List<DependencyRecord> deps = ctx.ledger().details(ctx.runId()).map(d -> d.dependencies()).orElse(List.of());
		String origin = ctx.replayOf().orElse(ctx.runId()); // a replay's SBOM is the original's
		byte[] sbom = Sbom.write(origin, String.valueOf(spec.getOrDefault("title", "project")), ctx.cairnVersion(),
				ctx.ledger().run(origin).map(r -> r.startedAt()).orElse(java.time.Instant.EPOCH), deps);
		Files.write(ctx.runDirectory().resolve("sbom.cdx.json"), sbom);
		ctx.ledger().artifacts(List.of(ArtifactRecord.of(ctx.runId(), "sbom.cdx.json", sbom, ctx.step(), "tool")));
		for (String file : List.of("spec.json", "requirements.lock", "package-lock.json", "sbom.cdx.json")) {
			if (Files.isRegularFile(ctx.runDirectory().resolve(file))) {
				entries.put(file, ctx.runDirectory().resolve(file));
			}
		}
		List<Map<String, Object>> files = new ArrayList<>();
		Path tmp = dist.resolveSibling(dist.getFileName() + ".tmp");
		try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(out)) {
			for (Map.Entry<String, Path> e : entries.entrySet()) {
				byte[] content = sealed(ctx, e.getKey(), Files.readAllBytes(e.getValue()));
				put(zip, e.getKey(), content);
				Map<String, Object> f = new LinkedHashMap<>();
				f.put("path", e.getKey());
				f.put("size", content.length);
				f.put("sha256", ArtifactRecord.sha256(content));
				files.add(f);
			}
			Map<String, Object> manifest = new LinkedHashMap<>();
			manifest.put("run_id", ctx.runId());
			manifest.put("cairn_version", ctx.cairnVersion());
			manifest.put("seed", ctx.seed());
			manifest.put("stack", template.info().role());
			manifest.put("template", Map.of("id", template.info().id(), "version", template.info().version(), "bundle",
					template.info().bundle(), "bundle_version", template.info().bundleVersion()));
			manifest.put("title", spec.getOrDefault("title", ""));
			ctx.get(Keys.TESTS).ifPresent(t -> manifest.put("tests",
					Map.of("passed", t.passed(), "failed", t.failed(), "skipped", t.skipped())));
			manifest.put("files", files);
			put(zip, "manifest.json", JSON.writeValueAsBytes(manifest));
		}
		Files.move(tmp, dist, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		return dist;
	}

	/**
	 * The zip is scanned before it is sealed: a text file with a secret in it (a test log that printed a token, a
	 * prompt quoted in a README) goes in redacted, and the redaction is recorded as a guard decision.
	 */
	private byte[] sealed(RunContext ctx, String name, byte[] content) {
		Redactor r = redactor;
		if (r == null || content.length > 16 * 1024 * 1024 || !isText(content)) {
			return content;
		}
		String text = new String(content, StandardCharsets.UTF_8);
		String clean = r.redact(text);
		if (clean.equals(text)) {
			return content;
		}
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[REDACTED:([^\\]]+)]").matcher(clean);
		java.util.Set<String> rules = new java.util.TreeSet<>();
		while (m.find()) {
			rules.add(m.group(1).startsWith("env:") ? "env" : m.group(1));
		}
		ctx.ledger().decision(new dev.cairn.api.store.GuardDecisionRecord(ctx.runId(), ctx.step(), "zip-entry", name,
				"secret-scan", "1.0.0", "warn", "secret(s) redacted before packaging: " + String.join(", ", rules),
				java.time.Instant.now()));
		ctx.progress("secret scan: redacted " + String.join(", ", rules) + " in " + name + " before packaging");
		return clean.getBytes(StandardCharsets.UTF_8);
	}

	private static boolean isText(byte[] content) {
		for (int i = 0; i < Math.min(content.length, 8192); i++) {
			if (content[i] == 0) {
				return false;
			}
		}
		return true;
	}

	/** Fixed entry times: the same files give the same zip bytes. */
	private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
		ZipEntry entry = new ZipEntry(name);
		entry.setTime(315532800000L); // 1980-01-01, the zip epoch
		zip.putNextEntry(entry);
		zip.write(content);
		zip.closeEntry();
	}

	private static void collect(Path root, String prefix, Map<String, Path> into) throws IOException {
		if (!Files.isDirectory(root)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(root)) {
			walk.filter(Files::isRegularFile).filter(p -> !Files.isSymbolicLink(p)).forEach(p -> {
				Path rel = root.relativize(p);
				for (Path part : rel) {
					if (SKIP.contains(part.toString())) {
						return;
					}
				}
				if (!rel.toString().endsWith(".db")) {
					into.put(prefix + rel.toString().replace('\\', '/'), p);
				}
			});
		}
	}
}
