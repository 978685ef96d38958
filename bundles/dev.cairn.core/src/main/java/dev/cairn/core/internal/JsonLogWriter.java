package dev.cairn.core.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import dev.cairn.api.config.Settings;
import dev.cairn.api.log.Level;

/**
 * The one sink behind every bundle's {@code EventLog}: appends JSON lines to {@code <home>/logs/cairn.log} and shows
 * events at or above the console level on stderr (stdout belongs to command output, e.g. {@code --json}).
 * Levels follow {@link Settings} live: its service is MODIFIED whenever {@code configs/dev.cairn.settings.cfg}
 * changes, and {@link #settingsChanged} re-reads them.
 */
@Component(service = JsonLogWriter.class)
public final class JsonLogWriter {
	static final long ROTATE_BYTES = 16L * 1024 * 1024;

	// jackson-core's streaming generator, not databind: it is a fraction of the classes to load at every start
	private final JsonFactory json = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
	private final PrintStream console;
	private volatile Settings settings;
	private Path file;
	private BufferedWriter out;
	private volatile Level fileLevel;
	private volatile Level consoleLevel;

	/** DS: Settings arrives through {@link #bindSettings} before {@link #activate()}. */
	public JsonLogWriter() {
		this.console = System.err;
	}

	/** For tests: explicit settings, file and console. */
	public JsonLogWriter(Settings settings, Path file, PrintStream console) {
		this.settings = settings;
		this.file = file;
		this.console = console;
		readLevels();
	}

	@Reference(updated = "settingsChanged")
	void bindSettings(Settings settings) {
		this.settings = settings;
	}

	/** Called by DS when the Settings service's properties change (configuration edited). */
	void settingsChanged(Settings settings) {
		this.settings = settings;
		readLevels();
		// configs/ may arrive after activation and move Cairn's home: follow it
		Path moved = logFile(settings);
		synchronized (this) {
			if (!moved.equals(file)) {
				closeQuietly();
				file = moved;
			}
		}
	}

	@Activate
	void activate() {
		synchronized (this) {
			file = logFile(settings);
		}
		readLevels();
	}

	private static Path logFile(Settings settings) {
		return settings.home(null).resolve("logs").resolve("cairn.log");
	}

	private void readLevels() {
		fileLevel = level(Settings.LOG_LEVEL, Level.INFO);
		consoleLevel = level(Settings.CONSOLE_LEVEL, Level.WARN);
	}

	private Level level(String key, Level fallback) {
		Level parsed = settings.get(key).map(v -> Level.parse(v.value())).orElse(null);
		return parsed == null ? fallback : parsed;
	}

	synchronized Path file() {
		return file;
	}

	@Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
			policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC,
			policyOption = org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY)
	private volatile dev.cairn.api.guard.Redactor redactor;

	/** Secrets never reach the log file or the console: the active redaction hook sees every line. */
	private String redact(String text) {
		dev.cairn.api.guard.Redactor r = redactor;
		return r == null ? text : r.redact(text);
	}

	boolean enabled(Level level) {
		return level.compareTo(fileLevel) >= 0 || level.compareTo(consoleLevel) >= 0;
	}

	void write(Level level, String source, String runId, String event, Map<String, ?> fields) {
		Instant now = Instant.now();
		if (level.compareTo(fileLevel) >= 0) {
			Map<String, Object> line = new LinkedHashMap<>();
			line.put("time", now.toString());
			line.put("level", level.name());
			if (runId != null) {
				line.put("run", runId);
			}
			line.put("source", source);
			line.put("event", event);
			if (fields != null && !fields.isEmpty()) {
				line.put("fields", fields);
			}
			appendLine(line);
		}
		if (level.compareTo(consoleLevel) >= 0) {
			console.println(redact(consoleLine(level, event, fields)));
		}
	}

	/** What a person needs: level, event, and the message (or the fields) on one line. */
	static String consoleLine(Level level, String event, Map<String, ?> fields) {
		StringBuilder b = new StringBuilder("cairn ").append(level.name().toLowerCase()).append(": ");
		Object message = fields == null ? null : fields.get("message");
		if (message != null) {
			b.append(message);
		} else {
			b.append(event);
			if (fields != null) {
				fields.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
			}
		}
		return b.toString().replace('\n', ' ');
	}

	private synchronized void appendLine(Map<String, Object> line) {
		try {
			if (out == null) {
				open();
			}
			java.io.StringWriter text = new java.io.StringWriter();
			try (JsonGenerator g = json.createGenerator(text)) {
				writeValue(g, line);
			}
			out.write(redact(text.toString()));
			out.write('\n');
			out.flush();
		} catch (IOException e) {
			// the log must never take a command down; say it once on the console and stop trying
			console.println("cairn warn: cannot write log file " + file + ": " + e.getMessage());
			fileLevel = Level.ERROR;
			closeQuietly();
		}
	}

	/** Maps, iterables, arrays, numbers, booleans and null as JSON; anything else as its string form. */
	static void writeValue(JsonGenerator g, Object value) throws IOException {
		if (value == null) {
			g.writeNull();
		} else if (value instanceof Map<?, ?> map) {
			g.writeStartObject();
			for (Map.Entry<?, ?> e : map.entrySet()) {
				g.writeFieldName(String.valueOf(e.getKey()));
				writeValue(g, e.getValue());
			}
			g.writeEndObject();
		} else if (value instanceof Iterable<?> items) {
			g.writeStartArray();
			for (Object item : items) {
				writeValue(g, item);
			}
			g.writeEndArray();
		} else if (value instanceof Object[] items) {
			writeValue(g, java.util.Arrays.asList(items));
		} else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
			g.writeNumber(((Number) value).longValue());
		} else if (value instanceof Double || value instanceof Float) {
			g.writeNumber(((Number) value).doubleValue());
		} else if (value instanceof Boolean b) {
			g.writeBoolean(b);
		} else {
			g.writeString(String.valueOf(value));
		}
	}

	private void open() throws IOException {
		Files.createDirectories(file.getParent());
		if (Files.exists(file) && Files.size(file) > ROTATE_BYTES) {
			Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
		}
		out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND);
	}

	@Deactivate
	synchronized void closeQuietly() {
		if (out != null) {
			try {
				out.close();
			} catch (IOException ignored) {
				// closing a log file on shutdown: nothing useful to do
			}
			out = null;
		}
	}
}
