package dev.cairn.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import dev.cairn.api.log.EventLog;
import dev.cairn.api.log.Level;

class JsonLogWriterTest {
	@TempDir
	Path dir;

	private final ByteArrayOutputStream console = new ByteArrayOutputStream();

	private JsonLogWriter writer(Map<String, Object> config) {
		return new JsonLogWriter(new SettingsImpl(config, k -> null), dir.resolve("logs/cairn.log"),
				new PrintStream(console, true, StandardCharsets.UTF_8));
	}

	@Test
	void eachEventIsOneJsonObjectPerLineWithRunSourceAndFields() throws Exception {
		JsonLogWriter writer = writer(Map.of());
		EventLog log = new EventLogFactory(writer, "dev.cairn.test");
		log.info("step.started", "role", "coding", "attempt", 1);
		Map<String, Object> nested = new LinkedHashMap<>();
		nested.put("files", List.of("a.py", "b.py"));
		nested.put("ok", true);
		log.forRun("01J0RUN").log(Level.WARN, "step.slow", nested);

		List<String> lines = Files.readAllLines(dir.resolve("logs/cairn.log"));
		assertEquals(2, lines.size());
		for (String line : lines) {
			assertValidJson(line);
		}
		assertTrue(lines.get(0).contains("\"level\":\"INFO\""));
		assertTrue(lines.get(0).contains("\"source\":\"dev.cairn.test\""));
		assertTrue(lines.get(0).contains("\"event\":\"step.started\""));
		assertTrue(lines.get(0).contains("\"fields\":{\"role\":\"coding\",\"attempt\":1}"));
		assertFalse(lines.get(0).contains("\"run\""), "no run id outside a run");
		assertTrue(lines.get(1).contains("\"run\":\"01J0RUN\""));
		assertTrue(lines.get(1).contains("\"files\":[\"a.py\",\"b.py\"]"));
	}

	@Test
	void levelsFilterTheFileAndTheConsoleSeparately() throws Exception {
		JsonLogWriter writer = writer(Map.of("log.level", "warn", "console.level", "error"));
		EventLog log = new EventLogFactory(writer, "x");
		log.info("quiet");
		log.debug("quieter");
		log.warn("file.only", "message", "disk almost full");
		log.error("both", "message", "deploy/x.jar is not an OSGi bundle");

		List<String> lines = Files.readAllLines(dir.resolve("logs/cairn.log"));
		assertEquals(2, lines.size(), "info and debug are below the file level: " + lines);
		assertEquals("cairn error: deploy/x.jar is not an OSGi bundle" + System.lineSeparator(),
				console.toString(StandardCharsets.UTF_8), "the console shows the message, not the JSON");
		assertFalse(log.enabled(Level.INFO));
		assertTrue(log.enabled(Level.WARN));
	}

	@Test
	void consoleLineWithoutMessageShowsEventAndFieldsOnOneLine() {
		assertEquals("cairn warn: registry.slow ms=12 note=a b",
				JsonLogWriter.consoleLine(Level.WARN, "registry.slow", fields("ms", 12, "note", "a\nb")));
	}

	@Test
	void changedSettingsMoveTheLogAndChangeLevels() throws Exception {
		SettingsImpl settings = new SettingsImpl(Map.of("home", dir.resolve("one").toString()), k -> null);
		JsonLogWriter writer = new JsonLogWriter();
		writer.bindSettings(settings);
		writer.activate();
		new EventLogFactory(writer, "x").info("first");
		settings.modified(Map.of("home", dir.resolve("two").toString(), "log.level", "debug"));
		writer.settingsChanged(settings);
		new EventLogFactory(writer, "x").debug("second");
		writer.closeQuietly();

		assertTrue(Files.readString(dir.resolve("one/logs/cairn.log")).contains("first"));
		assertTrue(Files.readString(dir.resolve("two/logs/cairn.log")).contains("second"));
	}

	private static Map<String, Object> fields(Object... kv) {
		return EventLog.pairs(kv);
	}

	private static void assertValidJson(String line) throws Exception {
		try (JsonParser p = new JsonFactory().createParser(line)) {
			assertEquals(JsonToken.START_OBJECT, p.nextToken());
			p.skipChildren();
			assertEquals(null, p.nextToken(), "exactly one object per line: " + line);
		}
	}
}
