package dev.cairn.agent.testing.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.cairn.api.CairnException;
import dev.cairn.api.ExitCode;
import dev.cairn.api.agent.RunContext;
import dev.cairn.api.process.ProcessResult;
import dev.cairn.api.process.ProcessSpec;
import dev.cairn.api.store.ArtifactRecord;
import dev.cairn.api.store.DependencyRecord;
import dev.cairn.api.store.TestCaseRecord;
import dev.cairn.api.template.TestPlan;

/**
 * The {@code node-npm} test plan: {@code npm install} (the only step with network, through Cairn's own npm cache),
 * the resolved packages from {@code package-lock.json} into the ledger with their declared licences, then the
 * template's test command with a reports folder; every JUnit file there is recorded. Fix-forward once: a package
 * the registry has no matching version of is re-pinned to the newest version it has.
 */
final class NodeTests {
	static final Duration INSTALL_LIMIT = Duration.ofMinutes(10);
	static final Duration TEST_LIMIT = Duration.ofMinutes(10);
	private static final Pattern NO_MATCH = Pattern.compile("No matching version found for ((?:@[^/\\s]+/)?[^@\\s]+)@(\\S+?)\\.?\\s");
	private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

	private final RunContext ctx;
	private final TestPlan plan;
	private final Path npmCache;
	private final Path ws;

	NodeTests(RunContext ctx, TestPlan plan, Path npmCache) {
		this.ctx = ctx;
		this.plan = plan;
		this.npmCache = npmCache;
		this.ws = ctx.workspace();
	}

	void run() throws IOException, InterruptedException {
		List<String> install = List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error");
		ctx.progress("installing packages from " + plan.requirementsFile() + " (npm)");
		ProcessResult installed = npm("npm-install", install, true, INSTALL_LIMIT);
		boolean fixForwardUsed = false;
		if (installed.exitCode() != 0 && !installed.timedOut()) {
			Matcher m = NO_MATCH.matcher(Files.readString(installed.stderr()) + " ");
			if (m.find() && plan.repinnable().contains(m.group(1))) {
				fixForwardUsed = true;
				installed = repinAndRetry(m.group(1), m.group(2), install);
			}
		}
		if (installed.exitCode() != 0 || installed.timedOut()) {
			throw new CairnException(ExitCode.TESTS_FAILED, "installing packages failed"
					+ (fixForwardUsed ? " after the fix-forward" : "") + ": "
					+ TestingAgent.lastMeaningfulLine(installed.stderr()) + " (log: " + installed.stderr() + ")");
		}
		List<DependencyRecord> deps = lockedPackages();
		ctx.ledger().dependencies(deps);
		TestingAgent.guard(ctx, deps);
		Path lock = ws.resolve("package-lock.json");
		if (Files.exists(lock)) {
			Files.copy(lock, ctx.runDirectory().resolve("package-lock.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		ctx.progress("installed " + deps.size() + " packages");

		Path reports = ctx.runDirectory().resolve("reports");
		Files.createDirectories(reports);
		try (Stream<Path> old = Files.list(reports)) {
			for (Path p : old.filter(p -> p.toString().endsWith(".xml")).toList()) {
				Files.delete(p);
			}
		}
		List<String> test = plan.testCommand().stream().map(p -> p.replace("{reports}", reports.toString())
				.replace("{junit}", reports.resolve("junit.xml").toString())).toList();
		ctx.progress("running tests: " + String.join(" ", plan.testCommand()).replace("{reports}", "<reports>"));
		ProcessResult tested = npm("tests", test, false, TEST_LIMIT);
		if (tested.timedOut()) {
			throw new CairnException(ExitCode.TESTS_FAILED, "the tests did not finish within " + TEST_LIMIT.toMinutes()
					+ " minutes; the server and browser were stopped (log: " + tested.stdout() + ")");
		}
		List<TestCaseRecord> cases = new ArrayList<>();
		try (Stream<Path> files = Files.list(reports)) {
			for (Path report : files.filter(p -> p.toString().endsWith(".xml")).sorted().toList()) {
				cases.addAll(JUnitReport.read(report, ctx.runId()));
			}
		}
		boolean anyFailed = cases.stream().anyMatch(c -> !c.status().equals("passed") && !c.status().equals("skipped"));
		if (tested.exitCode() != 0 && !anyFailed) {
			// a step without test cases failed (e.g. next build): name it rather than "0 tests failed"
			ctx.ledger().tests(cases);
			throw new CairnException(ExitCode.TESTS_FAILED, String.join(" ", plan.testCommand()).replace("{reports}",
					"<reports>") + " failed (exit " + tested.exitCode() + "): " + lastFailure(tested) + " (log: "
					+ tested.stdout() + ")");
		}
		TestingAgent.recordTests(ctx, cases, tested.exitCode());
	}

	/** The one fix-forward: pin {@code name} to the newest version the registry has, then install again. */
	private ProcessResult repinAndRetry(String name, String wanted, List<String> install)
			throws IOException, InterruptedException {
		ProcessResult view = npm("npm-view-" + name.replace('/', '-'), List.of("npm", "view", name, "version"), true,
				Duration.ofMinutes(1));
		String newest = view.exitCode() == 0 ? Files.readString(view.stdout()).strip() : "";
		if (newest.isEmpty() || !newest.matches("[0-9][0-9A-Za-z.+-]*")) {
			ctx.progress("fix-forward: the registry has no version of " + name + " either; the run will be rolled back");
			return view;
		}
		Path packageJson = ws.resolve(plan.requirementsFile());
		ObjectNode root = (ObjectNode) JSON.readTree(packageJson.toFile());
		for (String section : List.of("dependencies", "devDependencies")) {
			if (root.get(section) instanceof ObjectNode deps && deps.has(name)) {
				deps.put(name, "^" + newest);
			}
		}
		byte[] content = (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
		ctx.progress("fix-forward (dependency resolution): the registry has no " + name + "@" + wanted + "; pinning ^"
				+ newest + " (its newest) in " + plan.requirementsFile() + " and trying once more");
		Files.write(packageJson, content);
		ctx.ledger().artifacts(List.of(ArtifactRecord.of(ctx.runId(), plan.requirementsFile(), content, ctx.step(), "tool")));
		ProcessResult again = npm("npm-install-fix-forward", install, true, INSTALL_LIMIT);
		ctx.progress("fix-forward outcome: packages " + (again.exitCode() == 0 ? "installed" : "still failing"));
		return again;
	}

	/** Every installed package from package-lock.json (lockfile v2/v3) with its version and declared licence. */
	List<DependencyRecord> lockedPackages() throws IOException {
		Path lock = ws.resolve("package-lock.json");
		List<DependencyRecord> deps = new ArrayList<>();
		if (!Files.exists(lock)) {
			return deps;
		}
		JsonNode packages = JSON.readTree(lock.toFile()).path("packages");
		for (Iterator<Map.Entry<String, JsonNode>> it = packages.fields(); it.hasNext();) {
			Map.Entry<String, JsonNode> e = it.next();
			String path = e.getKey();
			if (path.isEmpty() || !path.contains("node_modules/")) {
				continue; // the project itself
			}
			String name = path.substring(path.lastIndexOf("node_modules/") + "node_modules/".length());
			String version = e.getValue().path("version").asText(null);
			if (version == null || deps.stream().anyMatch(d -> d.name().equals(name) && d.version().equals(version))) {
				continue;
			}
			String purlName = name.startsWith("@") ? "%40" + name.substring(1) : name;
			JsonNode licence = e.getValue().path("license");
			deps.add(new DependencyRecord(ctx.runId(), name, version, "pkg:npm/" + purlName + "@" + version,
					licence.isTextual() ? licence.asText() : null));
		}
		return deps;
	}

	private ProcessResult npm(String name, List<String> command, boolean network, Duration limit)
			throws IOException, InterruptedException {
		Files.createDirectories(npmCache);
		return ctx.processes().run(new ProcessSpec(command, ws, Map.of("NEXT_TELEMETRY_DISABLED", "1",
				"npm_config_cache", npmCache.toString(), "npm_config_update_notifier", "false", "CI", "1"), limit,
				network, ctx.runDirectory().resolve("logs").resolve(name), List.of(npmCache)));
	}

	private static String lastFailure(ProcessResult r) throws IOException {
		String err = TestingAgent.lastMeaningfulLine(r.stderr());
		return err.isBlank() ? TestingAgent.lastMeaningfulLine(r.stdout()) : err;
	}
}
