package dev.cairn.core.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

import dev.cairn.api.log.Level;

/**
 * Routes the OSGi Log Service (framework errors, SCR, FileInstall's reports on {@code deploy/} and {@code configs/})
 * into Cairn's event log, so a broken jar or a malformed .cfg shows up as one readable line naming the file.
 */
@Component(immediate = true)
public final class OsgiLogBridge implements LogListener {
	private final LogReaderService reader;
	private final JsonLogWriter writer;

	@Activate
	public OsgiLogBridge(@Reference LogReaderService reader, @Reference JsonLogWriter writer) {
		this.reader = reader;
		this.writer = writer;
		// entries logged before this bundle started (kept by felix.log.maxSize), oldest first
		java.util.List<LogEntry> earlier = java.util.Collections.list(reader.getLog());
		java.util.Collections.reverse(earlier);
		earlier.forEach(this::logged);
		reader.addLogListener(this);
	}

	@Deactivate
	void deactivate() {
		reader.removeLogListener(this);
	}

	@Override
	public void logged(LogEntry entry) {
		Level level = switch (entry.getLogLevel()) {
			case AUDIT, ERROR -> Level.ERROR;
			case WARN -> Level.WARN;
			case INFO -> Level.INFO;
			case DEBUG -> Level.DEBUG;
			default -> Level.TRACE;
		};
		String logger = entry.getLoggerName() == null ? "" : entry.getLoggerName();
		// the framework logs every service and bundle event at INFO; that is noise to a person
		if (logger.startsWith("Events.") && level.compareTo(Level.WARN) < 0) {
			level = Level.DEBUG;
		}
		if (!writer.enabled(level)) {
			return;
		}
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("message", describe(entry));
		if (!logger.isEmpty()) {
			fields.put("logger", logger);
		}
		if (entry.getException() != null) {
			fields.put("exception", String.valueOf(entry.getException()));
		}
		String source = entry.getBundle() == null ? "osgi" : entry.getBundle().getSymbolicName();
		writer.write(level, source, null, "osgi.log", fields);
	}

	/** The entry's message with the root cause appended: that is where "missing requirement" lives. */
	static String describe(LogEntry entry) {
		StringBuilder b = new StringBuilder(String.valueOf(entry.getMessage()));
		Throwable t = entry.getException();
		while (t != null && t.getCause() != null && t.getCause() != t) {
			t = t.getCause();
		}
		if (t != null) {
			b.append(": ").append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
		}
		return b.toString();
	}
}
