package dev.cairn.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** End to end: {@code ./agent run} as a user drives it, offline, with the real pipeline, pip and pytest. */
class RunPipelineTest {
	static final ObjectMapper JSON = new ObjectMapper();
	static final String BOOKS = "A FastAPI CRUD service for books with title, author and year";

	@TempDir
	Path dir;

	AgentProcess agent;

	@BeforeEach
	void setUp() throws Exception {
		agent = new AgentProcess(dir);
	}

	static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

	@Test
	void fastApiRunSucceedsOfflineAndEverythingIsRecordedAndPackaged() throws Exception {
		AgentProcess.Result r = agent.run("run", "--json", BOOKS);
		assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
		JsonNode o = JSON.readTree(r.stdout());
		assertEquals("succeeded", o.get("status").asText());
		assertEquals(0, o.get("exit_code").asInt());
		assertEquals("fastapi", o.get("stack").asText());
		assertEquals("fastapi-crud", o.get("template").get("id").asText());
		assertEquals("dev.cairn.template.fastapi", o.get("template").get("bundle").asText());
		assertEquals("none", o.get("model").get("provider").asText());
		assertEquals(List.of("requirements", "coding", "testing", "documentation"),
				o.get("steps").findValuesAsText("role"));
		o.get("steps").forEach(s -> assertEquals("succeeded", s.get("status").asText()));
		assertEquals(11, o.get("tests").get("passed").asInt());
		assertEquals(0, o.get("tests").get("failed").asInt());
		assertTrue(o.get("error").isNull());
		assertTrue(r.stderr().contains("[testing]"), "progress streams on stderr with --json: " + r.stderr());

		// the generated project's tests pass again, by hand, with the command its README gives
		Path project = Path.of(o.get("workspace").asText());
		String readme = Files.readString(project.resolve("README.md"));
		assertTrue(readme.contains(".venv/bin/python -m pytest"), readme);
		assertTrue(readme.contains("## Known limitations") && readme.contains("## Reproducibility"), readme);
		assertTrue(readme.contains(o.get("run_id").asText()), "the reproducibility summary names the run");
		Process pytest = new ProcessBuilder(project.resolve(".venv/bin/python").toString(), "-m", "pytest",
				"-p", "no:cacheprovider").directory(project.toFile()).redirectErrorStream(true).start();
		String out = new String(pytest.getInputStream().readAllBytes());
		assertTrue(pytest.waitFor(120, TimeUnit.SECONDS));
		assertEquals(0, pytest.exitValue(), out);
		assertTrue(out.contains("11 passed"), out);

		// the zip and its manifest: every file listed with the hash of its bytes in the zip
		Path zip = Path.of(o.get("dist").asText());
		assertEquals(agent.home.resolve("dist").resolve(o.get("run_id").asText() + ".zip"), zip);
		try (ZipFile z = new ZipFile(zip.toFile())) {
			JsonNode manifest = JSON.readTree(z.getInputStream(z.getEntry("manifest.json")));
			assertEquals(o.get("run_id").asText(), manifest.get("run_id").asText());
			assertTrue(manifest.get("files").size() > 10);
			for (JsonNode f : manifest.get("files")) {
				byte[] bytes = z.getInputStream(z.getEntry(f.get("path").asText())).readAllBytes();
				assertEquals(f.get("size").asLong(), bytes.length, f.toString());
				assertEquals(f.get("sha256").asText(), sha256(bytes), f.toString());
			}
			assertNotNull(z.getEntry("project/app/main.py"));
			assertNotNull(z.getEntry("reports/junit.xml"));
			assertTrue(z.stream().noneMatch(e -> e.getName().contains(".venv/")), "no venv in the zip");
		}

		// the ledger shows the four steps and the test cases
		AgentProcess.Result show = agent.run("show", "--json", o.get("run_id").asText());
		assertEquals(0, show.exitCode(), show.stderr());
		JsonNode d = JSON.readTree(show.stdout());
		assertEquals(4, d.get("steps").size());
		assertEquals(11, d.get("tests").size());
		assertTrue(d.get("artifacts").size() >= 11);
		assertEquals("fastapi-crud", d.get("run").get("template").get("id").asText());
		assertTrue(d.get("dependencies").findValuesAsText("name").contains("fastapi"));
		assertEquals("3.11", d.get("environment").get("python").asText().substring(0, 4));

		// undo on demand: refused while the user has changed the project since, done with --force, then nothing left
		String runId = o.get("run_id").asText();
		Files.writeString(project.resolve("app/main.py"), "# my edit\n", java.nio.file.StandardOpenOption.APPEND);
		AgentProcess.Result refused = agent.run("rollback", runId);
		assertEquals(2, refused.exitCode(), refused.stdout() + refused.stderr());
		assertTrue(refused.stderr().contains("changed since run " + runId), refused.stderr());
		assertTrue(Files.exists(project.resolve("app/main.py")), "refusal changes nothing");
		AgentProcess.Result forced = agent.run("rollback", "--force", runId);
		assertEquals(0, forced.exitCode(), forced.stderr());
		assertFalse(Files.exists(project), "the run created the project folder, so undoing the run removes it");
		assertEquals(2, agent.run("rollback", runId).exitCode(), "nothing left to undo");
	}

	@Test
	void samePromptAndSeedGiveByteIdenticalFilesAndOtherPhrasingsWork() throws Exception {
		String prompt = "REST API to manage authors (name, birth year) and books with title, optional price and an in_stock flag";
		Path a = dir.resolve("a");
		Path b = dir.resolve("b");
		AgentProcess.Result first = agent.run("run", "--seed", "7", "--workspace", a.toString(), "--json", prompt);
		AgentProcess.Result second = agent.run("run", "--seed", "7", "--workspace", b.toString(), "--json", prompt);
		assertEquals(0, first.exitCode(), first.stdout() + first.stderr());
		assertEquals(0, second.exitCode(), second.stdout() + second.stderr());
		assertEquals(22, JSON.readTree(first.stdout()).get("tests").get("passed").asInt(), "two entities, 11 tests each");
		String runA = JSON.readTree(first.stdout()).get("run_id").asText();
		String runB = JSON.readTree(second.stdout()).get("run_id").asText();

		Map<String, String> filesA = files(a);
		Map<String, String> filesB = files(b);
		assertEquals(filesA.keySet(), filesB.keySet());
		assertTrue(filesA.containsKey("tests/test_authors.py") && filesA.containsKey("tests/test_books.py"), filesA.keySet().toString());
		for (String path : filesA.keySet()) {
			if (path.equals("README.md")) {
				// the only difference is the reproducibility line naming each run
				assertEquals(filesA.get(path).replace(runA, "RUN"), filesB.get(path).replace(runB, "RUN"));
			} else {
				assertEquals(filesA.get(path), filesB.get(path), path + " differs between two runs with the same seed");
			}
		}
		assertTrue(filesA.get("app/models.py").contains("price: float | None = None"), filesA.get("app/models.py"));
		assertTrue(filesA.get("app/models.py").contains("in_stock: bool"), filesA.get("app/models.py"));
	}

	/** Project files (not the venv) by relative path. */
	private static Map<String, String> files(Path root) throws Exception {
		Map<String, String> out = new TreeMap<>();
		try (Stream<Path> walk = Files.walk(root)) {
			for (Path p : walk.filter(Files::isRegularFile).toList()) {
				String rel = root.relativize(p).toString();
				if (!rel.startsWith(".venv")) {
					out.put(rel, Files.readString(p, StandardCharsets.ISO_8859_1));
				}
			}
		}
		return out;
	}

	@Test
	void badInputStopsBeforeAnythingIsWrittenWithItsOwnExitCode() throws Exception {
		Path ws = dir.resolve("untouched");
		expect(2, "the prompt is empty", agent.run("run", "--workspace", ws.toString(), ""));
		expect(2, "the prompt is empty", agent.run("run", "   "));
		expect(2, "characters; at most 20000", agent.run("run", "x".repeat(20_001)));
		expect(2, "unknown option --colour", agent.run("run", "--colour", "red", BOOKS));
		expect(2, "--budget must be a duration", agent.run("run", "--budget", "soon", BOOKS));
		expect(2, "unknown stack 'cobol'", agent.run("run", "--stack", "cobol", "--workspace", ws.toString(), BOOKS));
		expect(2, "no stack template fits", agent.run("run", "--workspace", ws.toString(), "a painting of a sunset"));
		expect(2, "input document", agent.run("run", "--input", dir.resolve("missing.md").toString(), BOOKS));
		expect(2, "is not a readable file", agent.run("run", "--input", "/dev/null", BOOKS));
		Path latin1 = Files.write(dir.resolve("notes-latin1.txt"), new byte[] { 'c', 'a', 'f', (byte) 0xE9, '\n' });
		expect(2, "is not UTF-8 text", agent.run("run", "--input", latin1.toString(), BOOKS));
		Path badJson = Files.writeString(dir.resolve("rows.json"), "{\"not\": \"an array\"}");
		expect(2, "must be a JSON array of objects", agent.run("run", "--stack", "nextjs", "--workspace", ws.toString(),
				"--input", badJson.toString(), "a dashboard"));
		expect(2, "control character", agent.run("run", "a FastAPI service for books\u001b[31m with title"));
		expect(4, "model provider 'anthropic' is not installed", agent.run("run", "--model", "anthropic", BOOKS));
		expect(4, "no API key: set the environment variable OPENAI_API_KEY", agent.run("run", "--model", "openai", BOOKS));
		assertFalse(Files.exists(ws), "nothing was written to the workspace");
	}

	@Test
	void missingToolchainIsExitThreeAndTheWorkspaceIsNotCreated() throws Exception {
		Path ws = dir.resolve("ws");
		ProcessBuilder pb = agent.builder("run", "--workspace", ws.toString(), BOOKS);
		pb.environment().put("CAIRN_PYTHON", "/nonexistent/python3");
		Path out = dir.resolve("out.txt");
		Path err = dir.resolve("err.txt");
		Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		assertTrue(p.waitFor(120, TimeUnit.SECONDS));
		assertEquals(3, p.exitValue(), Files.readString(out) + Files.readString(err));
		assertTrue(Files.readString(err).contains("Python 3.11 or newer"), Files.readString(err));
		assertFalse(Files.exists(ws), "the environment is checked before anything is written");
		JsonNode runs = JSON.readTree(agent.run("runs", "--json").stdout());
		assertEquals("failed", runs.get(0).get("status").asText());
		assertEquals(3, runs.get(0).get("exit_code").asInt());
	}

	@Test
	void dependenciesThatCannotBeInstalledEndTheRunWithExitOne() throws Exception {
		// a reachable but empty package index: the environment check passes, pip finds nothing
		Path index = Files.createDirectories(dir.resolve("empty-index"));
		Path pipConf = Files.writeString(dir.resolve("pip.conf"),
				"[global]\nindex-url = " + index.toUri() + "\nextra-index-url =\nfind-links =\n");
		// the user's own folder, with their files and their own .git
		Path ws = Files.createDirectories(dir.resolve("my-project"));
		Files.writeString(ws.resolve("notes.md"), "my notes\n");
		Files.writeString(ws.resolve("requirements.txt"), "# my own pins\n");
		Files.createDirectories(ws.resolve(".git"));
		Files.writeString(ws.resolve(".git/HEAD"), "ref: refs/heads/main\n");
		Map<String, String> before = files(ws);
		ProcessBuilder pb = agent.builder("run", "--workspace", ws.toString(), BOOKS);
		pb.environment().keySet().removeIf(k -> k.startsWith("PIP_"));
		pb.environment().put("PIP_CONFIG_FILE", pipConf.toString());
		Path out = dir.resolve("out.txt");
		Path err = dir.resolve("err.txt");
		Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		assertTrue(p.waitFor(300, TimeUnit.SECONDS));
		String stderr = Files.readString(err);
		assertEquals(1, p.exitValue(), Files.readString(out) + stderr);
		assertTrue(stderr.contains("installing dependencies failed") && stderr.contains("No matching distribution"), stderr);
		assertTrue(Files.readString(out).contains("FAILED  run"), "the summary says it failed");
		// rolled back: byte for byte as before, the generated files and the venv gone, the change kept as a patch
		assertTrue(Files.readString(out).contains("rolled back"), Files.readString(out));
		Map<String, String> after = new TreeMap<>();
		try (Stream<Path> walk = Files.walk(ws)) {
			for (Path p2 : walk.filter(Files::isRegularFile).toList()) {
				after.put(ws.relativize(p2).toString(), Files.readString(p2, StandardCharsets.ISO_8859_1));
			}
		}
		assertEquals(before, after);
		try (Stream<Path> patches = Files.walk(agent.home.resolve("runs"))) {
			Path patch = patches.filter(p2 -> p2.getFileName().toString().equals("rollback.patch")).findFirst().orElseThrow();
			assertTrue(Files.readString(patch).contains("+++ b/app/main.py"), "the tried change is kept");
		}
	}

	@Test
	void budgetExhaustionIsExitFiveAndCtrlCIsExit130() throws Exception {
		AgentProcess.Result r = agent.run("run", "--budget", "3s", BOOKS);
		assertEquals(5, r.exitCode(), r.stdout() + r.stderr());
		assertTrue(r.stderr().contains("budget of 3s ran out"), r.stderr());

		Process p = agent.builder("run", BOOKS).redirectError(ProcessBuilder.Redirect.DISCARD).start();
		try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
			for (String line; (line = out.readLine()) != null;) {
				if (line.contains("installing dependencies")) {
					break;
				}
			}
			new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
			assertTrue(p.waitFor(30, TimeUnit.SECONDS), "Ctrl-C ends the run promptly");
		}
		assertEquals(130, p.exitValue());
		JsonNode runs = JSON.readTree(agent.run("runs", "--json").stdout());
		assertEquals("interrupted", runs.get(0).get("status").asText());
		assertEquals("budget_exceeded", runs.get(1).get("status").asText());
		assertFalse(Files.exists(Path.of(runs.get(0).get("workspace").asText())), "Ctrl-C rolls the workspace back");
		assertFalse(Files.exists(Path.of(runs.get(1).get("workspace").asText())), "so does an exhausted budget");
	}

	@Test
	void aKilledRunIsMarkedInterruptedOnTheNextStartAndCanBeUndone() throws Exception {
		Process p = agent.builder("run", BOOKS).redirectError(ProcessBuilder.Redirect.DISCARD).start();
		try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
			for (String line; (line = out.readLine()) != null;) {
				if (line.contains("installing dependencies")) {
					break;
				}
			}
			// kill -9: no shutdown hook, no cleanup; the process tree's children (pip) die with their pipes
			p.destroyForcibly();
			assertTrue(p.waitFor(30, TimeUnit.SECONDS));
		}
		AgentProcess.Result next = agent.run("runs", "--json");
		assertEquals(0, next.exitCode(), next.stderr());
		assertTrue(next.stderr().contains("marked interrupted") && next.stderr().contains("./agent rollback"),
				"the next start says what happened and how to undo it: " + next.stderr());
		JsonNode run = JSON.readTree(next.stdout()).get(0);
		assertEquals("interrupted", run.get("status").asText());
		Path workspace = Path.of(run.get("workspace").asText());
		assertTrue(Files.exists(workspace.resolve("app/main.py")), "the killed run had written files");

		AgentProcess.Result undo = agent.run("rollback", run.get("id").asText());
		assertEquals(0, undo.exitCode(), undo.stdout() + undo.stderr());
		assertFalse(Files.exists(workspace), "nothing of the killed run is left");
	}

	private static void expect(int code, String message, AgentProcess.Result r) {
		assertEquals(code, r.exitCode(), r.stdout() + r.stderr());
		List<String> lines = r.errorLines();
		assertEquals(1, lines.size(), "one line on stderr: " + r.stderr());
		assertTrue(lines.get(0).startsWith("cairn: ") && lines.get(0).contains(message), lines.get(0));
	}
}
