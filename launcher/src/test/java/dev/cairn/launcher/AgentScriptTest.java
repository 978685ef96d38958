package dev.cairn.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cairn.itest.fixture.variants.FixtureVariants;

/** End to end: the {@code agent} script, its output, its exit codes, and hot deploy while it runs. */
class AgentScriptTest {
	static final ObjectMapper JSON = new ObjectMapper();

	@TempDir
	Path dir;

	AgentProcess agent;

	@BeforeEach
	void setUp() throws Exception {
		agent = new AgentProcess(dir);
	}

	static byte[] fixture(String version, int ranking) throws Exception {
		Path jar = Path.of(FixtureVariants.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		return FixtureVariants.variant(Files.readAllBytes(jar), version, ranking);
	}

	static void assertOneCleanErrorLine(AgentProcess.Result r, String expected) {
		List<String> lines = r.errorLines();
		assertEquals(1, lines.size(), "exactly one line on stderr: " + r.stderr());
		assertTrue(lines.get(0).startsWith("cairn: ") && lines.get(0).contains(expected), lines.get(0));
		assertFalse(r.stderr().contains("Exception") || r.stderr().contains("\tat "), "no stack trace: " + r.stderr());
	}

	@Test
	void versionShowsCairnJavaFelixAndCairnsBundles() throws Exception {
		AgentProcess.Result r = agent.run("version");
		assertEquals(0, r.exitCode(), r.stderr());
		assertTrue(r.stdout().startsWith("Cairn 0.1.0"), r.stdout());
		assertTrue(r.stdout().contains("Java  " + System.getProperty("java.specification.version")), r.stdout());
		assertTrue(r.stdout().contains("Felix org.apache.felix.framework 7."), r.stdout());
		for (String bundle : List.of("dev.cairn.api", "dev.cairn.core", "dev.cairn.orchestrator", "dev.cairn.shell")) {
			assertTrue(r.stdout().lines().anyMatch(l -> l.contains(bundle) && l.endsWith("active")),
					bundle + " active in:\n" + r.stdout());
		}
		assertEquals("", r.stderr(), "nothing on stderr when all is well");
	}

	@Test
	void jsonOutputIsOneParsableDocumentOnStdout() throws Exception {
		AgentProcess.Result r = agent.run("version", "--json");
		assertEquals(0, r.exitCode(), r.stderr());
		JsonNode v = JSON.readTree(r.stdout());
		assertEquals("0.1.0", v.get("cairn").asText());
		assertTrue(v.get("bundles").findValuesAsText("symbolic_name").contains("dev.cairn.shell"));

		AgentProcess.Result agents = agent.run("agents", "--json");
		assertEquals(0, agents.exitCode());
		assertTrue(JSON.readTree(agents.stdout()).isArray());
	}

	@Test
	void templatesInTheDeployFolderAreListedAndTheHigherRankingIsSelected() throws Exception {
		Files.write(agent.deploy.resolve("sample-1.0.0.jar"), fixture("1.0.0", 10));
		Files.write(agent.deploy.resolve("sample-1.1.0.jar"), fixture("1.1.0", 20));

		AgentProcess.Result r = agent.run("templates", "--json");
		assertEquals(0, r.exitCode(), r.stderr());
		JsonNode list = samples(JSON.readTree(r.stdout()));
		assertEquals(2, list.size(), r.stdout());
		JsonNode first = list.get(0);
		assertEquals("sample", first.get("id").asText());
		assertEquals("demo", first.get("role").asText());
		assertEquals("1.1.0", first.get("version").asText());
		assertEquals(20, first.get("ranking").asInt());
		assertEquals("dev.cairn.itest.fixture", first.get("bundle").asText());
		assertTrue(first.get("selected").asBoolean());
		assertFalse(list.get(1).get("selected").asBoolean());

		AgentProcess.Result table = agent.run("templates");
		assertTrue(table.stdout().lines().anyMatch(l -> l.startsWith("*") && l.contains("1.1.0")), table.stdout());
	}

	@Test
	void unknownCommandAndWrongArgumentsExitWithTwoAndOneLine() throws Exception {
		AgentProcess.Result unknown = agent.run("frobnicate");
		assertEquals(2, unknown.exitCode());
		assertOneCleanErrorLine(unknown, "unknown command 'frobnicate'");

		AgentProcess.Result wrongArgs = agent.run("version", "--verbose");
		assertEquals(2, wrongArgs.exitCode());
		assertOneCleanErrorLine(wrongArgs, "wrong arguments for 'version'");

		AgentProcess.Result helpUnknown = agent.run("help", "nosuch");
		assertEquals(2, helpUnknown.exitCode());
		assertOneCleanErrorLine(helpUnknown, "unknown command 'nosuch'");
	}

	@Test
	void emptyLedgerListsNoRunsAndAnUnknownRunIsAUsageError() throws Exception {
		AgentProcess.Result runs = agent.run("runs");
		assertEquals(0, runs.exitCode(), runs.stderr());
		assertTrue(runs.stdout().startsWith("no runs in the ledger under " + agent.home), runs.stdout());
		assertTrue(java.nio.file.Files.exists(agent.home.resolve("ledger.db")), "the ledger is created under the home");

		AgentProcess.Result json = agent.run("runs", "--status", "failed", "--json");
		assertEquals(0, json.exitCode());
		assertEquals(0, JSON.readTree(json.stdout()).size());

		AgentProcess.Result show = agent.run("show", "01NOSUCHRUN0000000000000000");
		assertEquals(2, show.exitCode());
		assertOneCleanErrorLine(show, "no run '01NOSUCHRUN0000000000000000'");

		AgentProcess.Result badLimit = agent.run("runs", "--limit", "0");
		assertEquals(2, badLimit.exitCode());
		assertOneCleanErrorLine(badLimit, "--limit must be a positive number");
	}

	@Test
	void aLedgerFromANewerCairnIsRefusedWithExitThreeAndLeftAsItWas() throws Exception {
		Path ledger = agent.home.resolve("ledger.db");
		try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + ledger);
				java.sql.Statement s = c.createStatement()) {
			s.execute("CREATE TABLE future (x)");
			s.execute("PRAGMA user_version = 99");
		}
		byte[] before = Files.readAllBytes(ledger);
		AgentProcess.Result r = agent.run("runs");
		assertEquals(3, r.exitCode(), r.stdout() + r.stderr());
		assertOneCleanErrorLine(r, "written by a newer Cairn (schema 99");
		org.junit.jupiter.api.Assertions.assertArrayEquals(before, Files.readAllBytes(ledger));
	}

	@Test
	void helpDescribesEveryCommandAndItsParameters() throws Exception {
		AgentProcess.Result r = agent.run("help");
		assertEquals(0, r.exitCode(), r.stderr());
		for (String cmd : List.of("agent:version", "agent:agents", "agent:templates", "agent:help", "agent:runs",
				"agent:show")) {
			assertTrue(r.stdout().lines().anyMatch(l -> l.startsWith(cmd + " - ") && l.length() > cmd.length() + 10),
					cmd + " with a description in:\n" + r.stdout());
		}
		assertTrue(r.stdout().contains("--json"));

		AgentProcess.Result one = agent.run("help", "templates");
		assertEquals(0, one.exitCode());
		assertTrue(one.stdout().startsWith("agent:templates - "), one.stdout());
		assertFalse(one.stdout().contains("agent:version"));
	}

	@Test
	void aBrokenJarInDeployIsNamedAndDoesNotStopTheCommand() throws Exception {
		Files.writeString(agent.deploy.resolve("broken.jar"), "not a jar");
		Files.write(agent.deploy.resolve("sample.jar"), fixture("1.0.0", 10));
		AgentProcess.Result r = agent.run("templates", "--json");
		assertEquals(0, r.exitCode(), r.stderr());
		assertEquals(1, samples(JSON.readTree(r.stdout())).size(), "the good template is still listed");
		assertTrue(r.stderr().contains("broken.jar") && r.stderr().contains("not an OSGi bundle"), r.stderr());
		assertTrue(Files.readString(agent.home.resolve("logs/cairn.log")).contains("broken.jar"),
				"the log file names the jar too");
	}

	@Test
	void aJarDroppedWhileCairnRunsAppearsAndDisappears() throws Exception {
		Path stderr = dir.resolve("stderr.txt");
		Process p = agent.builder().redirectError(stderr.toFile()).start();
		try (Writer in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
				BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
			assertEquals(0, templates(in, out).size());

			Path jar = agent.deploy.resolve("sample.jar");
			Path tmp = agent.deploy.resolve(".sample.jar.tmp");
			Files.write(tmp, fixture("1.0.0", 10));
			Files.move(tmp, jar, StandardCopyOption.ATOMIC_MOVE);
			JsonNode listed = awaitTemplates(in, out, 1);
			assertEquals("1.0.0", listed.get(0).get("version").asText());

			Files.write(tmp, fixture("1.3.0", 10));
			Files.move(tmp, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (!templates(in, out).toString().contains("1.3.0")) {
				assertTrue(System.nanoTime() < deadline, "replaced jar was not updated within 10 s");
				Thread.sleep(200);
			}

			Files.delete(jar);
			awaitTemplates(in, out, 0);
		} catch (AssertionError | java.util.concurrent.TimeoutException e) {
			throw new AssertionError(e.getMessage() + "; stderr of ./agent: " + Files.readString(stderr), e);
		} finally {
			p.destroy();
			p.waitFor(10, TimeUnit.SECONDS);
		}
	}

	/** Asks the running process for its templates until {@code count} are listed (at most 10 s). */
	private static JsonNode awaitTemplates(Writer in, BufferedReader out, int count) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		JsonNode list = templates(in, out);
		while (list.size() != count) {
			assertTrue(System.nanoTime() < deadline, "expected " + count + " templates within 10 s, have " + list);
			Thread.sleep(200);
			list = templates(in, out);
		}
		return list;
	}

	/** One command, one JSON answer; a missing answer fails within 15 s instead of blocking the build. */
	private static JsonNode templates(Writer in, BufferedReader out) throws Exception {
		in.write("agent:templates --json\n");
		in.flush();
		java.util.concurrent.CompletableFuture<List<String>> answer = java.util.concurrent.CompletableFuture
				.supplyAsync(() -> {
					List<String> lines = new ArrayList<>();
					try {
						for (String line; (line = out.readLine()) != null;) {
							lines.add(line);
							if (!line.startsWith(" ") && line.endsWith("]")) { // the top-level array closes at column 0
								break;
							}
						}
					} catch (java.io.IOException e) {
						throw new java.io.UncheckedIOException(e);
					}
					return lines;
				});
		List<String> lines = answer.get(15, TimeUnit.SECONDS);
		return samples(JSON.readTree(String.join("\n", lines)));
	}

	/** The sample template's entries; Cairn's own templates are listed too. */
	static JsonNode samples(JsonNode templates) {
		com.fasterxml.jackson.databind.node.ArrayNode out = JSON.createArrayNode();
		templates.forEach(t -> {
			if ("sample".equals(t.get("id").asText())) {
				out.add(t);
			}
		});
		return out;
	}
}
