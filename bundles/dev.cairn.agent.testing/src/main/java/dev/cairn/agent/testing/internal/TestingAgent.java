package dev.cairn.agent.testing.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.cairn.api.CairnException;
import dev.cairn.api.ExitCode;
import dev.cairn.api.ServiceProperties;
import dev.cairn.api.agent.Agent;
import dev.cairn.api.agent.Keys;
import dev.cairn.api.agent.RunContext;
import dev.cairn.api.config.Settings;
import dev.cairn.api.process.ProcessResult;
import dev.cairn.api.process.ProcessSpec;
import dev.cairn.api.registry.Pinned;
import dev.cairn.api.store.DependencyRecord;
import dev.cairn.api.store.TestCaseRecord;
import dev.cairn.api.template.StackTemplate;
import dev.cairn.api.template.TestPlan;

/**
 * Testing: builds the project's environment (a venv from the interpreter the Requirements agent validated, packages
 * from the indexes it found reachable, fail-fast), runs the project's tests with a JUnit XML report, records every
 * test case and every resolved dependency. A failure ends the run with exit 1 and names the first failing test.
 */
@Component(property = { ServiceProperties.AGENT_ROLE + "=testing", ServiceProperties.AGENT_ID + "=project-tester" })
public final class TestingAgent implements Agent {
	static final Duration STEP_LIMIT = Duration.ofMinutes(5);

	private final Settings settings;

	@Activate
	public TestingAgent(@Reference(name = "settings") Settings settings) {
		this.settings = settings;
	}

	@Override
	public void execute(RunContext ctx) throws Exception {
		Pinned<StackTemplate> template = ctx.get(Keys.TEMPLATE)
				.orElseThrow(() -> new CairnException(ExitCode.INTERNAL, "no template was chosen before testing"));
		TestPlan plan = template.service().testPlan();
		if (plan.kind().equals(TestPlan.NODE_NPM)) {
			new NodeTests(ctx, plan, settings.home(null).resolve("cache").resolve("npm")).run();
			return;
		}
		if (!plan.kind().equals(TestPlan.PYTHON_VENV)) {
			throw new CairnException(ExitCode.ENVIRONMENT, "test plan kind '" + plan.kind() + "' of "
					+ template.info().id() + " is not supported by " + getClass().getSimpleName() + " (supported: "
					+ TestPlan.PYTHON_VENV + ", " + TestPlan.NODE_NPM + ")");
		}
		String python = ctx.get(Keys.TOOLS).map(t -> t.get("python")).orElse("python3");
		Path ws = ctx.workspace();
		Path venv = ws.resolve(".venv");
		Path venvPython = venv.resolve("bin/python");

		ctx.progress("creating a virtual environment with " + python);
		check(run(ctx, "venv", ws, python, "-m", "venv", venv.toString()), "creating the virtual environment");

		List<String> install = new ArrayList<>(List.of(venvPython.toString(), "-m", "pip", "install",
				"--disable-pip-version-check", "--no-input", "--retries", "0", "--timeout", "15", "-r",
				plan.requirementsFile()));
		install.addAll(ctx.get(Keys.PIP_INDEX).orElse(List.of()));
		ctx.progress("installing dependencies from " + plan.requirementsFile());
		Path requirements = ws.resolve(plan.requirementsFile());
		boolean fixForwardUsed = false;
		ProcessResult installed = run(ctx, "pip-install", ws, install.toArray(String[]::new));
		if (installed.exitCode() != 0 && !installed.timedOut()) {
			FixForward.Diagnosis d = FixForward.ofInstall(Files.readString(installed.stderr()), Files.readString(requirements));
			if (d.fixable()) {
				fixForwardUsed = true;
				applyFix(ctx, requirements, d);
				installed = run(ctx, "pip-install-fix-forward", ws, install.toArray(String[]::new));
				ctx.progress("fix-forward outcome: dependencies " + (installed.exitCode() == 0 ? "installed" : "still failing"));
			}
		}
		if (installed.exitCode() != 0 || installed.timedOut()) {
			throw new CairnException(ExitCode.TESTS_FAILED, "installing dependencies failed"
					+ (fixForwardUsed ? " after the fix-forward" : "") + ": " + lastMeaningfulLine(installed.stderr())
					+ " (log: " + installed.stderr() + ")");
		}
		List<DependencyRecord> deps = new ArrayList<>();
		ProcessResult freeze = run(ctx, "pip-freeze", ws, venvPython.toString(), "-m", "pip", "freeze",
				"--disable-pip-version-check");
		ProcessResult licences = run(ctx, "pip-licences", ws, false, venvPython.toString(), "-c", LICENCES_SCRIPT);
		Map<String, String> licenceOf = new java.util.HashMap<>();
		if (licences.exitCode() == 0) {
			JSON.readTree(licences.stdout().toFile()).fields()
					.forEachRemaining(e -> licenceOf.put(e.getKey(), e.getValue().asText()));
		}
		for (String line : Files.readAllLines(freeze.stdout())) {
			int eq = line.indexOf("==");
			if (eq > 0) {
				String name = line.substring(0, eq).trim().toLowerCase();
				String version = line.substring(eq + 2).trim();
				String licence = licenceOf.get(name.replaceAll("[-_.]+", "-"));
				deps.add(new DependencyRecord(ctx.runId(), name, version, "pkg:pypi/" + name + "@" + version,
						licence == null || licence.isBlank() ? null : licence));
			}
		}
		ctx.ledger().dependencies(deps);
		guard(ctx, deps);
		Files.write(ctx.runDirectory().resolve("requirements.lock"), Files.readAllBytes(freeze.stdout()));
		ctx.progress("installed " + deps.size() + " packages");

		Path report = ctx.runDirectory().resolve("reports").resolve("junit.xml");
		Files.createDirectories(report.getParent());
		Files.deleteIfExists(report);
		List<String> test = new ArrayList<>();
		for (String part : plan.testCommand()) {
			test.add(part.equals("python") ? venvPython.toString() : part.replace("{junit}", report.toString()));
		}
		ctx.progress("running tests: " + String.join(" ", plan.testCommand()).replace("{junit}", "<report>"));
		ProcessResult tested = run(ctx, "tests", ws, false, test.toArray(String[]::new));
		if (tested.exitCode() != 0 && !tested.timedOut() && !fixForwardUsed) {
			FixForward.Diagnosis d = FixForward.ofTests(Files.readString(tested.stdout()), Files.readString(requirements));
			if (d.fixable()) {
				applyFix(ctx, requirements, d);
				ProcessResult reinstalled = run(ctx, "pip-install-fix-forward", ws, install.toArray(String[]::new));
				Files.deleteIfExists(report);
				tested = run(ctx, "tests-fix-forward", ws, false, test.toArray(String[]::new));
				ctx.progress("fix-forward outcome: tests " + (reinstalled.exitCode() == 0 && tested.exitCode() == 0
						? "pass" : "still failing"));
			} else if (ctx.model().isPresent()) {
				ctx.progress("fix-forward: no heuristic applies (" + d.kind().name().toLowerCase().replace('_', ' ')
						+ "); asking the model for a fix");
				ModelFix.propose(ctx, ctx.model().get(), Files.readString(tested.stdout()));
				Files.deleteIfExists(report);
				tested = run(ctx, "tests-fix-forward", ws, false, test.toArray(String[]::new));
				ctx.progress("fix-forward outcome: tests " + (tested.exitCode() == 0 ? "pass" : "still failing"));
			} else {
				ctx.progress("fix-forward: no heuristic applies (" + d.kind().name().toLowerCase().replace('_', ' ')
						+ "); the run will be rolled back");
			}
		}
		if (tested.timedOut()) {
			throw new CairnException(ExitCode.TESTS_FAILED, "the tests did not finish within " + STEP_LIMIT.toMinutes()
					+ " minutes (log: " + tested.stdout() + ")");
		}
		if (!Files.exists(report)) {
			throw new CairnException(ExitCode.TESTS_FAILED, "the tests wrote no report (exit " + tested.exitCode()
					+ "): " + lastMeaningfulLine(tested.stdout()) + " (log: " + tested.stdout() + ")");
		}
		recordTests(ctx, JUnitReport.read(report, ctx.runId()), tested.exitCode());
	}

	/** Declared licences of every installed distribution, keyed by normalised name (SPDX expression first). */
	static final String LICENCES_SCRIPT = String.join("\n", "import json, re, importlib.metadata as m", "out = {}",
			"for d in m.distributions():", "    md = d.metadata", "    lic = md.get('License-Expression') or ''",
			"    if not lic:", "        cls = [c.split(' :: ')[-1] for c in (md.get_all('Classifier') or []) if c.startswith('License ::')]",
			"        lic = ' OR '.join(cls) if cls else (md.get('License') or '')",
			"    if len(lic) > 120 or '\\n' in lic: lic = ''",
			"    out[re.sub(r'[-_.]+', '-', md['Name']).lower()] = lic.strip()", "print(json.dumps(out))");
	private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

	/**
	 * Checks every resolved dependency against the run's pinned guard policy and records each decision with the
	 * policy's name and version; a blocked dependency ends the run with exit 6 (and the workspace is rolled back).
	 */
	static void guard(RunContext ctx, List<DependencyRecord> deps) {
		var policy = ctx.get(Keys.POLICY).orElse(null);
		if (policy == null) {
			return;
		}
		List<String> blocked = new ArrayList<>();
		int warned = 0;
		String by = "";
		for (DependencyRecord d : deps) {
			var decision = policy.check(new dev.cairn.api.guard.GuardSubject("dependency", d.name(),
					d.licence() == null ? Map.of("version", d.version()) : Map.of("version", d.version(), "licence", d.licence())));
			ctx.ledger().decision(new dev.cairn.api.store.GuardDecisionRecord(ctx.runId(), ctx.step(), "dependency",
					d.name() + "@" + d.version(), decision.policy(), decision.policyVersion(),
					decision.verdict().name().toLowerCase(), decision.reason(), java.time.Instant.now()));
			ctx.span("guardrail", "dependency:" + d.name() + "@" + d.version(), java.time.Instant.now(), Map.of("policy",
					decision.policy() + " " + decision.policyVersion(), "verdict", decision.verdict().name().toLowerCase(),
					"reason", String.valueOf(decision.reason()), "triggered",
					decision.verdict() == dev.cairn.api.guard.GuardDecision.Verdict.BLOCK));
			by = decision.policy() + " " + decision.policyVersion();
			switch (decision.verdict()) {
				case BLOCK -> blocked.add(decision.reason());
				case WARN -> warned++;
				default -> {
				}
			}
		}
		ctx.progress("licences: " + deps.size() + " dependencies checked by policy " + by + ": " + blocked.size()
				+ " blocked, " + warned + " warned");
		if (!blocked.isEmpty()) {
			throw new CairnException(ExitCode.BLOCKED, "blocked by the guard policy: " + blocked.get(0)
					+ (blocked.size() > 1 ? " (and " + (blocked.size() - 1) + " more; see ./agent show)" : ""));
		}
	}

	/** Records the test cases and totals; exit 1 naming the first failure when any failed or the command did. */
	static void recordTests(RunContext ctx, List<TestCaseRecord> cases, int exitCode) {
		ctx.ledger().tests(cases);
		int passed = (int) cases.stream().filter(c -> c.status().equals("passed")).count();
		int skipped = (int) cases.stream().filter(c -> c.status().equals("skipped")).count();
		int failed = cases.size() - passed - skipped;
		ctx.put(Keys.TESTS, new Keys.TestTotals(passed, failed, skipped));
		ctx.progress("tests: " + passed + " passed, " + failed + " failed, " + skipped + " skipped");
		if (failed > 0 || exitCode != 0) {
			TestCaseRecord first = cases.stream().filter(c -> !c.status().equals("passed") && !c.status().equals("skipped"))
					.findFirst().orElse(null);
			throw new CairnException(ExitCode.TESTS_FAILED, failed + " of " + cases.size() + " tests failed"
					+ (first == null ? " (exit " + exitCode + ")"
							: "; first: " + first.suite() + "::" + first.name() + ": " + first.message()));
		}
	}

	/** The one fix-forward: rewrite the requirements as diagnosed, record the decision and the new file. */
	private static void applyFix(RunContext ctx, Path requirements, FixForward.Diagnosis d) throws IOException {
		ctx.progress("fix-forward (" + d.kind().name().toLowerCase().replace('_', ' ') + "): " + d.detail()
				+ "; changing " + requirements.getFileName() + " and trying once more");
		byte[] content = d.requirementsAfter().getBytes(java.nio.charset.StandardCharsets.UTF_8);
		Files.write(requirements, content);
		ctx.ledger().artifacts(List.of(dev.cairn.api.store.ArtifactRecord.of(ctx.runId(),
				ctx.workspace().relativize(requirements).toString(), content, ctx.step(), "tool")));
	}

	/** Runs a command that may reach the package indexes (installs). */
	private static ProcessResult run(RunContext ctx, String name, Path dir, String... command)
			throws IOException, InterruptedException {
		return run(ctx, name, dir, true, command);
	}

	private static ProcessResult run(RunContext ctx, String name, Path dir, boolean network, String... command)
			throws IOException, InterruptedException {
		return ctx.processes().run(new ProcessSpec(List.of(command), dir, Map.of("PYTHONDONTWRITEBYTECODE", "1"),
				STEP_LIMIT, network, ctx.runDirectory().resolve("logs").resolve(name)));
	}

	private static void check(ProcessResult r, String what) throws IOException {
		if (r.exitCode() != 0) {
			throw new CairnException(ExitCode.ENVIRONMENT, what + " failed: " + lastMeaningfulLine(r.stderr()));
		}
	}

	static String lastMeaningfulLine(Path file) throws IOException {
		if (!Files.exists(file)) {
			return "";
		}
		List<String> lines = Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
		for (int i = lines.size() - 1; i >= 0; i--) {
			if (lines.get(i).startsWith("ERROR") || lines.get(i).contains("Error")) {
				return lines.get(i);
			}
		}
		return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
	}
}
