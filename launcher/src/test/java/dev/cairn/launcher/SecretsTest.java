package dev.cairn.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Secrets planted in the prompt and in Cairn's environment appear nowhere a run writes: the ledger (database and
 * its WAL), the log, the console, the generated README and every entry of the zip (decompressed) hold only
 * {@code [REDACTED:<rule>]} markers.
 */
class SecretsTest {
	@TempDir
	Path dir;

	// built at runtime so no token-shaped literal sits in the source
	static final String OPENAI_STYLE = "" + "sk-proj-" + new StringBuilder("4321mNbVcXzLkJ5hGfDsA2pOiU8yTr3wQ").reverse();
	static final String ENV_VALUE = "envSecret-" + Long.toHexString(0x5eed5eedL) + "-Zx9";

	@Test
	void secretsInThePromptAndTheEnvironmentAppearNowhere() throws Exception {
		AgentProcess agent = new AgentProcess(dir);
		ProcessBuilder pb = agent.builder("run", "--json", "A FastAPI CRUD service for books with title, author and year."
				+ " Use the key " + OPENAI_STYLE + " and the password " + ENV_VALUE + " when calling upstream.");
		pb.environment().put("UPSTREAM_API_KEY", ENV_VALUE);
		Path out = dir.resolve("out.txt");
		Path err = dir.resolve("err.txt");
		Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		assertTrue(p.waitFor(180, TimeUnit.SECONDS));
		String stdout = Files.readString(out);
		String stderr = Files.readString(err);
		assertEquals(0, p.exitValue(), stdout + stderr);
		JsonNode o = new ObjectMapper().readTree(stdout);

		List<String> secrets = List.of(OPENAI_STYLE, ENV_VALUE);
		List<String> places = new ArrayList<>();
		try (Stream<Path> files = Files.walk(agent.home)) {
			for (Path f : files.filter(Files::isRegularFile).toList()) {
				String name = agent.home.relativize(f).toString();
				boolean sink = name.startsWith("ledger.db") || name.startsWith("logs/") || name.startsWith("dist/");
				if (!sink) {
					continue;
				}
				byte[] bytes = name.endsWith(".zip") ? unzipped(f) : Files.readAllBytes(f);
				String text = new String(bytes, StandardCharsets.ISO_8859_1);
				for (String s : secrets) {
					if (text.contains(s)) {
						places.add(name + " holds " + s.substring(0, 6) + "...");
					}
				}
				if (name.endsWith(".zip")) {
					assertTrue(text.contains("[REDACTED:openai-api-key]"), "the zip carries the marker instead");
				}
			}
		}
		assertEquals(List.of(), places, "secrets leaked");
		for (String s : secrets) {
			assertFalse(stdout.contains(s) || stderr.contains(s), "the console shows no secret");
		}
		String readme = Files.readString(Path.of(o.get("workspace").asText()).resolve("README.md"));
		assertFalse(readme.contains(OPENAI_STYLE) || readme.contains(ENV_VALUE), "the README quotes the prompt redacted");
		assertTrue(readme.contains("[REDACTED:openai-api-key]") && readme.contains("[REDACTED:env:UPSTREAM_API_KEY]"), readme);
		JsonNode shown = new ObjectMapper().readTree(agent.run("show", "--json", o.get("run_id").asText()).stdout());
		assertTrue(shown.get("run").get("prompt").asText().contains("[REDACTED:openai-api-key]"));
	}

	/** Every entry's bytes, decompressed, one after another. */
	static byte[] unzipped(Path zip) throws Exception {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
			for (ZipEntry e; (e = in.getNextEntry()) != null;) {
				all.write(in.readAllBytes());
			}
		}
		return all.toByteArray();
	}
}
