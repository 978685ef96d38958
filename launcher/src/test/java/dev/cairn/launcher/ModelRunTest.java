package dev.cairn.launcher;

import static dev.cairn.model.openai.testing.LoopbackResponses.answer;
import static dev.cairn.model.openai.testing.LoopbackResponses.functionCall;
import static dev.cairn.model.openai.testing.LoopbackResponses.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.cairn.model.openai.testing.LoopbackResponses;
import dev.cairn.model.openai.testing.LoopbackResponses.Reply;

/**
 * Model-assisted runs end to end: `./agent run --model openai` against a loopback server that speaks the Responses
 * API (the provider is configured through configs/ exactly as for OpenAI or Ollama), then `./agent replay` of that run
 * with the server gone, byte for byte; and the failures a user meets: malformed model output, budget, unreachable
 * server, no key.
 */
class ModelRunTest {
	static final ObjectMapper JSON = new ObjectMapper();
	static final String BOOKS = "A FastAPI CRUD service for books with title, author and year";
	// built at runtime so no key-shaped literal sits in the source
	static final String KEY = "sk-" + "proj-" + new StringBuilder("Lp0oPb4cK9kEy7777zzQQ").reverse() + "x1";
	static final String NOTES = "# Notes\n\nThe books API keeps its data in SQLite; see app/.\n";
	// a GitHub-style token the model "leaks" in its answer and in a command's output
	static final String TOKEN = "ghp_" + new StringBuilder("0123456789abcdefghijKLMNOPQRSTuvwxyz").reverse();
	static final String MIT_SOURCE = "https://example.org/snippets/slugify.py";
	static final String MIT = "# SPDX-License-Identifier: MIT\n# from " + MIT_SOURCE + "\n\n\ndef slugify(text: str) -> str:\n"
			+ "    return '-'.join(text.lower().split())\n";
	static final String GPL = "# SPDX-License-Identifier: GPL-3.0-only\n# Copied from a GPL project.\n\n\ndef helper():\n"
			+ "    return 42\n";

	@TempDir
	Path dir;

	static void configure(AgentProcess agent, String baseUrl, Map<String, String> more) throws Exception {
		Map<String, String> cfg = new java.util.LinkedHashMap<>();
		cfg.put("base.url", baseUrl);
		cfg.put("model", "loopback-model");
		cfg.put("api.key.env", "CAIRN_TEST_OPENAI_KEY");
		cfg.put("max.retries", "2");
		cfg.put("timeout.seconds", "20");
		cfg.putAll(more);
		StringBuilder text = new StringBuilder();
		cfg.forEach((k, v) -> text.append(k).append(" = ").append(v).append('\n'));
		// written beside and moved into place, as an operator's editor does, so FileInstall never reads half a file
		Path tmp = agent.configs.resolve(".openai.tmp");
		Files.writeString(tmp, text);
		Files.move(tmp, agent.configs.resolve("dev.cairn.model.openai.cfg"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
				java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		agent.environment.put("CAIRN_TEST_OPENAI_KEY", KEY);
	}

	/** A scripted model: a spec, a tool session on the rendered project, README sections. */
	static Function<JsonNode, Reply> script(AtomicInteger rateLimited) {
		return req -> {
			String instructions = req.path("instructions").asText();
			if (instructions.contains("Requirements agent")) {
				if (rateLimited.getAndIncrement() == 0) {
					return new LoopbackResponses.Failure(429, "Rate limit reached", Map.of("Retry-After", "1"));
				}
				String user = LoopbackResponses.lastUserText(req);
				try {
					ObjectNode spec = (ObjectNode) JSON.readTree(user.substring(user.indexOf("Draft spec:") + 11));
					spec.put("title", "Books catalogue API");
					((ArrayNode) spec.get("user_stories")).add("As a librarian I can read the project notes in docs/NOTES.md.");
					return new LoopbackResponses.Answer(answer(message(spec.toString())));
				} catch (Exception e) {
					throw new IllegalStateException(e);
				}
			}
			if (instructions.contains("Coding agent")) {
				int outputs = LoopbackResponses.functionOutputs(req).size();
				return new LoopbackResponses.Answer(switch (outputs) {
					case 0 -> answer(functionCall("call_ls", "list_files", Map.of()));
					case 1 -> answer(functionCall("call_read", "read_file", Map.of("path", "README.md")),
							functionCall("call_code", "run_code", Map.of("code", "print(2 + 3)")));
					case 3 -> answer(functionCall("call_write", "write_file", Map.of("path", "docs/NOTES.md", "content", NOTES)),
							functionCall("call_escape", "write_file", Map.of("path", "../escape.txt", "content", "out")),
							functionCall("call_mit", "write_file", Map.of("path", "app/slugify.py", "content", MIT, "source", MIT_SOURCE)),
							functionCall("call_gpl", "write_file", Map.of("path", "app/gpl_helper.py", "content", GPL)));
					case 7 -> answer(functionCall("call_cmd", "run_command",
							Map.of("argv", List.of("python3", "-c", "print('ok'); print('token " + TOKEN + "')"))));
					default -> answer(message("Added docs/NOTES.md describing where the data lives; the token " + TOKEN
							+ " was in the output."));
				});
			}
			if (instructions.contains("Documentation agent")) {
				return new LoopbackResponses.Answer(answer(message(
						"{\"overview\":\"A small REST service for a books catalogue, built on FastAPI and SQLite.\","
								+ "\"limitations\":[\"No authentication: run it on a trusted network only.\"]}")));
			}
			return new LoopbackResponses.Failure(400, "unexpected request", Map.of());
		};
	}

	@Test
	void aModelRunProducesAProjectAndItsReplayReproducesItByteForByte() throws Exception {
		AgentProcess agent = new AgentProcess(dir);
		AtomicInteger requirementsCalls = new AtomicInteger();
		JsonNode run;
		List<JsonNode> requests;
		try (LoopbackResponses server = new LoopbackResponses(script(requirementsCalls))) {
			configure(agent, server.baseUrl(), Map.of());
			AgentProcess.Result r = agent.run("run", "--json", "--model", "openai", BOOKS);
			assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
			run = JSON.readTree(r.stdout());
			requests = server.requests();
			assertTrue(server.authorizations().stream().allMatch(("Bearer " + KEY)::equals));
			assertTrue(r.stderr().contains("Rate limit reached") && r.stderr().contains("retry 1 in 1000 ms"),
					"the 429 and its Retry-After are shown: " + r.stderr());
			assertFalse(r.stdout().contains(KEY) || r.stderr().contains(KEY));
		}
		String runId = run.get("run_id").asText();
		assertEquals(7, run.get("model").get("calls").asInt(), "spec, five tool turns, README sections");
		assertEquals("loopback-model", run.get("model").get("model").asText());
		assertTrue(run.get("model").get("input_tokens").asLong() > 0);

		// what the model did is in the project
		Path project = Path.of(run.get("workspace").asText());
		assertEquals(NOTES, Files.readString(project.resolve("docs/NOTES.md")));
		assertFalse(Files.exists(project.resolve("../escape.txt")), "a write outside the workspace is refused");
		String readme = Files.readString(project.resolve("README.md"));
		assertTrue(readme.contains("## Overview\n\n_Written by the model._\n\nA small REST service"), readme);
		assertTrue(readme.contains("- No authentication: run it on a trusted network only. (model)"), readme);
		assertTrue(readme.contains("| Model | openai `loopback-model`"), readme);
		assertTrue(run.get("tests").get("passed").asInt() > 0, "the project's tests pass after the model's changes");

		// the wire: structured output for the spec; tool outputs went back to the model
		assertEquals(8, requests.size(), "seven answered calls and one rate-limited attempt");
		assertEquals("json_schema", requests.get(1).path("text").path("format").path("type").asText());
		Map<String, String> outputs = new TreeMap<>();
		requests.forEach(q -> LoopbackResponses.functionOutputs(q)
				.forEach(o -> outputs.put(o.path("call_id").asText(), o.path("output").asText())));
		assertTrue(outputs.get("call_code").startsWith("exit 0\n5"), outputs.get("call_code"));
		assertTrue(outputs.get("call_escape").startsWith("error: refused to write '../escape.txt'"), outputs.get("call_escape"));
		assertTrue(outputs.get("call_ls").contains("README.md"));
		assertTrue(outputs.get("call_cmd").startsWith("exit 0\nok"), outputs.get("call_cmd"));
		// licences: the GPL snippet is refused and the model told why; the MIT one is written with its source
		assertTrue(outputs.get("call_gpl").startsWith("error: refused to write 'app/gpl_helper.py': app/gpl_helper.py carries "
				+ "SPDX-License-Identifier GPL-3.0-only"), outputs.get("call_gpl"));
		assertFalse(Files.exists(project.resolve("app/gpl_helper.py")));
		assertEquals(MIT, Files.readString(project.resolve("app/slugify.py")));

		// the ledger: calls, artifacts with origin model, spans shaped like the Agents SDK's
		JsonNode shown = JSON.readTree(agent.run("show", "--json", runId).stdout());
		assertTrue(shown.toString().contains("\"docs/NOTES.md\""), "the model's file is an artifact");
		try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + agent.home.resolve("ledger.db"))) {
			assertEquals("app/slugify.py,docs/NOTES.md", one(c, "SELECT group_concat(path) FROM (SELECT path FROM artifacts "
					+ "WHERE run_id = ? AND origin = 'model' ORDER BY path)", runId), "the model's files, not the refused ones");
			assertEquals("1", one(c, "SELECT retries FROM model_calls WHERE run_id = ? ORDER BY id LIMIT 1", runId));
			Map<String, String> spans = new TreeMap<>();
			try (var s = c.prepareStatement("SELECT type, count(*) FROM spans WHERE run_id = ? GROUP BY type")) {
				s.setString(1, runId);
				ResultSet rs = s.executeQuery();
				while (rs.next()) {
					spans.put(rs.getString(1), rs.getString(2));
				}
			}
			assertEquals("7", spans.get("generation"));
			assertEquals("8", spans.get("function"), "list, read, run_code, four writes, run_command");
			assertEquals(MIT_SOURCE, one(c, "SELECT source_url FROM artifacts WHERE run_id = ? AND path = 'app/slugify.py'", runId));
			assertEquals("block permissive", one(c, "SELECT verdict || ' ' || policy FROM guard_decisions WHERE run_id = ? "
					+ "AND subject = 'app/gpl_helper.py'", runId));
			assertEquals("allow", one(c, "SELECT verdict FROM guard_decisions WHERE run_id = ? AND subject = 'app/slugify.py'", runId));
			assertTrue(Integer.parseInt(spans.get("guardrail")) > 20, "every file and dependency check is traced: " + spans);
			assertTrue(one(c, "SELECT attributes FROM spans WHERE run_id = ? AND type = 'function' AND attributes LIKE '%call_escape%'",
					runId).contains("refused to write '../escape.txt'"), "the refused write is on record");
		}
		assertNoKey(agent);
		assertNowhere(agent, TOKEN);

		// replay with the server gone: same answers from the ledger, same bytes
		AgentProcess.Result replay = agent.run("replay", "--json", runId);
		assertEquals(0, replay.exitCode(), replay.stdout() + replay.stderr());
		JsonNode rp = JSON.readTree(replay.stdout());
		assertTrue(rp.get("replay").get("identical").asBoolean(), rp.get("replay").toString());
		assertEquals(7, rp.get("replay").get("calls").asInt());
		Path again = Path.of(rp.get("workspace").asText());
		assertEquals(hashes(project), hashes(again), "every file of the replayed project is identical");

		// a recording that no longer matches what the run asks: the first diverging request is named, exit 7
		try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + agent.home.resolve("ledger.db"));
				var s = c.prepareStatement("UPDATE model_calls SET request = replace(request, 'list_files', 'list_everything') "
						+ "WHERE id = (SELECT id FROM model_calls WHERE run_id = ? AND status = 'ok' ORDER BY id LIMIT 1 OFFSET 1)")) {
			s.setString(1, runId);
			assertEquals(1, s.executeUpdate());
		}
		AgentProcess.Result diverged = agent.run("replay", runId);
		assertEquals(7, diverged.exitCode(), diverged.stdout() + diverged.stderr());
		assertTrue(diverged.stderr().contains("replay diverged: call 2 (coding.refine) differs from the recorded request at tools[0].name"),
				diverged.stderr());
	}

	@Test
	void aConfigEditReachesTheNextRunWhileTheRunInFlightKeepsItsEndpoint() throws Exception {
		AgentProcess agent = new AgentProcess(dir);
		Function<JsonNode, Reply> scripted = script(new AtomicInteger(1));
		AtomicInteger n = new AtomicInteger();
		Path out = dir.resolve("out.txt");
		Path err = dir.resolve("err.txt");
		try (LoopbackResponses server = new LoopbackResponses(req -> n.incrementAndGet() == 1
				? new LoopbackResponses.Slow(3_000, scripted.apply(req)) : scripted.apply(req))) {
			configure(agent, server.baseUrl(), Map.of("model", "model-one"));
			// one Cairn process, two runs: commands piped on stdin run one after the other
			Process p = agent.builder().redirectOutput(out.toFile()).redirectError(err.toFile()).start();
			try (var in = new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
				in.write("agent:run --model openai \"" + BOOKS + "\"\n");
				in.flush();
				await(() -> !server.requests().isEmpty(), "the first run's first call");
				configure(agent, server.baseUrl(), Map.of("model", "model-two")); // an operator edits the file mid-run
				await(() -> server.requests().stream().anyMatch(q -> q.path("instructions").asText().contains("Documentation")),
						"the first run's last call");
				Thread.sleep(1_500); // FileInstall applies an edit about 0.5 s after it
				in.write("agent:run --model openai \"" + BOOKS + "\"\n");
			}
			assertTrue(p.waitFor(240, java.util.concurrent.TimeUnit.SECONDS), "both runs finish");
			assertEquals(0, p.exitValue(), Files.readString(err));
			List<String> models = server.requests().stream().map(q -> q.path("model").asText()).toList();
			int firstRun = 0;
			while (!server.requests().get(firstRun).path("instructions").asText().contains("Documentation")) {
				firstRun++;
			}
			assertEquals(List.of("model-one"), models.subList(0, firstRun + 1).stream().distinct().toList(),
					"the run in flight keeps the endpoint it opened: " + models);
			assertEquals(List.of("model-two"), models.subList(firstRun + 1, models.size()).stream().distinct().toList(),
					"the next run uses the edited configuration, with no restart: " + models);
		} finally {
			assertFalse(Files.readString(out).contains(KEY) || Files.readString(err).contains(KEY));
		}
	}

	static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
		long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
		while (!condition.getAsBoolean()) {
			assertTrue(System.nanoTime() < deadline, what + " did not happen within 120 s");
			Thread.sleep(100);
		}
	}

	@Test
	void whenTheTestsFailTheModelsFixIsTheFixForward() throws Exception {
		AgentProcess agent = new AgentProcess(dir);
		java.util.concurrent.atomic.AtomicReference<String> original = new java.util.concurrent.atomic.AtomicReference<>();
		Function<JsonNode, Reply> script = req -> {
			String instructions = req.path("instructions").asText();
			List<JsonNode> outputs = LoopbackResponses.functionOutputs(req);
			if (instructions.contains("Requirements agent")) {
				String user = LoopbackResponses.lastUserText(req);
				return new LoopbackResponses.Answer(answer(message(user.substring(user.indexOf("Draft spec:") + 11))));
			}
			if (instructions.contains("Coding agent")) {
				if (outputs.isEmpty()) {
					return new LoopbackResponses.Answer(answer(functionCall("call_read", "read_file", Map.of("path", "app/main.py"))));
				}
				if (outputs.size() == 1) {
					// a plausible mistake: creating answers 200 instead of 201, which the generated tests catch
					original.set(outputs.get(0).path("output").asText());
					return new LoopbackResponses.Answer(answer(functionCall("call_break", "write_file", Map.of("path", "app/main.py",
							"content", original.get().replace("status_code=status.HTTP_201_CREATED", "status_code=200")))));
				}
				return new LoopbackResponses.Answer(answer(message("Simplified the create endpoint.")));
			}
			if (instructions.contains("Testing agent")) {
				if (outputs.isEmpty()) {
					assertTrue(LoopbackResponses.lastUserText(req).contains("201"), "the model sees the failing assertion");
					return new LoopbackResponses.Answer(answer(functionCall("call_fix", "write_file",
							Map.of("path", "app/main.py", "content", original.get()))));
				}
				return new LoopbackResponses.Answer(answer(message("Restored status 201 for create.")));
			}
			return new LoopbackResponses.Answer(answer(message("{\"overview\":\"Books.\",\"limitations\":[]}")));
		};
		try (LoopbackResponses server = new LoopbackResponses(script)) {
			configure(agent, server.baseUrl(), Map.of("code.interpreter", "off"));
			AgentProcess.Result r = agent.run("run", "--json", "--model", "openai", BOOKS);
			assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
			assertTrue(r.stderr().contains("asking the model for a fix") && r.stderr().contains("fix-forward outcome: tests pass"),
					r.stderr());
			JsonNode o = JSON.readTree(r.stdout());
			assertEquals(0, o.get("tests").get("failed").asInt());
			assertEquals(original.get(), Files.readString(Path.of(o.get("workspace").asText()).resolve("app/main.py")));
			JsonNode coding = server.requests().stream().filter(q -> q.path("instructions").asText().contains("Coding agent"))
					.findFirst().orElseThrow();
			assertFalse(coding.path("tools").toString().contains("run_code"), "code.interpreter = off offers no run_code");
		}
	}

	@Test
	void malformedOutputBudgetUnreachableServerAndMissingKeyEndTheRunCleanly() throws Exception {
		AgentProcess agent = new AgentProcess(dir);
		try (LoopbackResponses server = new LoopbackResponses(req -> new LoopbackResponses.Answer(answer(message("not json"))))) {
			configure(agent, server.baseUrl(), Map.of());
			AgentProcess.Result r = agent.run("run", "--json", "--model", "openai", BOOKS);
			assertEquals(4, r.exitCode(), r.stdout() + r.stderr());
			JsonNode o = JSON.readTree(r.stdout());
			assertTrue(o.get("error").get("message").asText().startsWith("the model's spec is still invalid after one retry"),
					o.get("error").toString());
			assertEquals(2, server.requests().size(), "one retry with the validation error");
			assertTrue(LoopbackResponses.lastUserText(server.requests().get(1)).startsWith("That answer is not valid"));
			assertFalse(Files.exists(Path.of(o.get("workspace").asText())), "nothing is left behind");
		}
		try (LoopbackResponses server = new LoopbackResponses(script(new AtomicInteger(1)))) {
			configure(agent, server.baseUrl(), Map.of("token.budget", "100"));
			AgentProcess.Result r = agent.run("run", "--json", "--model", "openai", BOOKS);
			assertEquals(5, r.exitCode(), r.stdout() + r.stderr());
			assertTrue(JSON.readTree(r.stdout()).get("error").get("message").asText()
					.startsWith("the run's model token budget of 100 tokens is spent"), r.stdout());
		}
		int closed;
		try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			closed = s.getLocalPort();
		}
		configure(agent, "http://127.0.0.1:" + closed + "/v1", Map.of("max.retries", "0"));
		AgentProcess.Result unreachable = agent.run("run", "--model", "openai", BOOKS);
		assertEquals(4, unreachable.exitCode(), unreachable.stderr());
		assertTrue(unreachable.errorLines().get(unreachable.errorLines().size() - 1)
				.endsWith("cannot reach the model server at http://127.0.0.1:" + closed + "/v1 (Connection refused)"),
				unreachable.stderr());

		Files.delete(agent.configs.resolve("dev.cairn.model.openai.cfg")); // the defaults: api.openai.com, $OPENAI_API_KEY
		agent.environment.clear();
		AgentProcess.Result noKey = agent.run("run", "--model", "openai", BOOKS);
		assertEquals(4, noKey.exitCode(), noKey.stderr());
		assertEquals(List.of("cairn: no API key: set the environment variable OPENAI_API_KEY (or name another one with "
				+ "api.key.env in configs/dev.cairn.model.openai.cfg)"), noKey.errorLines());
		assertNoKey(agent);
	}

	private static String one(Connection c, String sql, String runId) throws Exception {
		try (var s = c.prepareStatement(sql)) {
			s.setString(1, runId);
			ResultSet rs = s.executeQuery();
			return rs.next() ? rs.getString(1) : null;
		}
	}

	static Map<String, String> hashes(Path root) throws Exception {
		Map<String, String> out = new TreeMap<>();
		try (Stream<Path> files = Files.walk(root)) {
			for (Path f : files.filter(Files::isRegularFile).toList()) {
				String rel = root.relativize(f).toString();
				if (Stream.of(rel.split("/")).anyMatch(dev.cairn.launcher.ModelRunTest::rebuilt)) {
					continue;
				}
				out.put(rel, java.util.HexFormat.of().formatHex(
						java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
			}
		}
		return out;
	}

	static boolean rebuilt(String segment) {
		return List.of(".venv", "__pycache__", ".pytest_cache", "node_modules", ".next").contains(segment)
				|| segment.endsWith(".db");
	}

	/** {@code secret} is in none of the ledger's files, the logs, or the zip's entries (decompressed). */
	static void assertNowhere(AgentProcess agent, String secret) throws Exception {
		List<String> leaks = new ArrayList<>();
		try (Stream<Path> files = Files.walk(agent.home)) {
			for (Path f : files.filter(Files::isRegularFile).toList()) {
				String name = agent.home.relativize(f).toString();
				if (name.startsWith("ledger.db") || name.startsWith("logs/") || name.startsWith("dist/")) {
					byte[] bytes = name.endsWith(".zip") ? SecretsTest.unzipped(f) : Files.readAllBytes(f);
					if (new String(bytes, StandardCharsets.ISO_8859_1).contains(secret)) {
						leaks.add(name);
					}
				}
			}
		}
		assertEquals(List.of(), leaks, "the secret is stored nowhere");
	}

	static void assertNoKey(AgentProcess agent) throws Exception {
		List<String> leaks = new ArrayList<>();
		try (Stream<Path> files = Files.walk(agent.home)) {
			for (Path f : files.filter(Files::isRegularFile).toList()) {
				String name = agent.home.relativize(f).toString();
				if (name.startsWith("ledger.db") || name.startsWith("logs/") || name.startsWith("dist/") || name.startsWith("runs/")) {
					if (name.contains(".venv/")) {
						continue;
					}
					if (new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(KEY)) {
						leaks.add(name);
					}
				}
			}
		}
		assertEquals(List.of(), leaks, "the API key is written nowhere");
	}
}
