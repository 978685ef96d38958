package dev.cairn.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The four canonical scenarios in {@code reference-projects/}, as data: each one's prompt and input documents go to
 * {@code ./agent run --json}, and the run must show what its {@code scenario.json} expects: the stack and template
 * chosen without {@code --stack}, the generated project's own tests passing (pytest, or Vitest + next build + a
 * Chromium smoke test), the files, the README sections, the resolved dependencies in the ledger, and the zip.
 */
class ReferenceScenariosTest {
	static final ObjectMapper JSON = new ObjectMapper();

	@TempDir
	Path dir;

	static Stream<String> scenarios() throws Exception {
		try (Stream<Path> folders = Files.list(AgentProcess.ROOT.resolve("reference-projects"))) {
			return folders.filter(p -> Files.exists(p.resolve("scenario.json"))).map(p -> p.getFileName().toString())
					.sorted().toList().stream();
		}
	}

	@ParameterizedTest
	@MethodSource("scenarios")
	void scenarioRunsOfflineAndShowsWhatItMust(String name) throws Exception {
		Path folder = AgentProcess.ROOT.resolve("reference-projects").resolve(name);
		JsonNode scenario = JSON.readTree(folder.resolve("scenario.json").toFile());
		JsonNode expect = scenario.get("expect");
		List<String> args = new ArrayList<>(List.of("run", "--json"));
		for (JsonNode input : scenario.get("inputs")) {
			args.add("--input");
			args.add(folder.resolve(input.asText()).toString());
		}
		args.add(scenario.get("prompt").asText());
		AgentProcess agent = new AgentProcess(dir);
		AgentProcess.Result r = agent.run(args.toArray(String[]::new));
		assertEquals(expect.get("exit_code").asInt(), r.exitCode(), name + ": " + r.stderr());
		JsonNode o = JSON.readTree(r.stdout());
		assertEquals(expect.get("stack").asText(), o.get("stack").asText());
		assertEquals(expect.get("template").asText(), o.get("template").get("id").asText());
		assertTrue(o.get("tests").get("passed").asInt() >= expect.get("min_tests_passed").asInt(), o.get("tests").toString());
		assertEquals(0, o.get("tests").get("failed").asInt());

		Path project = Path.of(o.get("workspace").asText());
		for (JsonNode file : expect.get("files")) {
			assertTrue(Files.isRegularFile(project.resolve(file.asText())), name + ": missing " + file.asText());
		}
		String readme = Files.readString(project.resolve("README.md"), StandardCharsets.UTF_8);
		for (JsonNode text : expect.get("readme_contains")) {
			assertTrue(readme.contains(text.asText()), name + ": README lacks '" + text.asText() + "'");
		}
		for (JsonNode input : scenario.get("inputs")) {
			// the user's data travels into the project unchanged where the template ships data as given
			Path given = folder.resolve(input.asText());
			try (Stream<Path> walk = Files.walk(project.resolve("data"))) {
				assertTrue(walk.anyMatch(p -> p.getFileName().toString().equals(given.getFileName().toString())
						|| p.getFileName().toString().equals("records.json")), name + ": the input's data is in data/");
			}
		}

		JsonNode shown = JSON.readTree(agent.run("show", "--json", o.get("run_id").asText()).stdout());
		Set<String> deps = new java.util.HashSet<>(shown.get("dependencies").findValuesAsText("name"));
		for (JsonNode dep : expect.get("dependencies_include")) {
			assertTrue(deps.contains(dep.asText()), name + ": dependency " + dep.asText() + " not recorded: " + deps);
		}
		assertTrue(shown.get("processes").size() >= 2, "every command is recorded with its usage");
		try (ZipFile zip = new ZipFile(o.get("dist").asText())) {
			assertTrue(zip.getEntry("manifest.json") != null, "the zip carries its manifest");
			assertTrue(zip.stream().noneMatch(e -> e.getName().contains("node_modules/") || e.getName().contains(".venv/")),
					"rebuildable folders are not packaged");
		}
	}
}
