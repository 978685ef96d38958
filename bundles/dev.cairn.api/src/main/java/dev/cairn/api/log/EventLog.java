package dev.cairn.api.log;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Cairn's one logging facade. Each event is written as one JSON object per line: time, level, run id (when bound),
 * source bundle, event name and fields. Obtain it as a service: each bundle gets an instance that knows its name.
 */
@ProviderType
public interface EventLog {
	/** Logs {@code event} with {@code fields}; values are rendered as JSON (strings, numbers, booleans, lists, maps). */
	void log(Level level, String event, Map<String, ?> fields);

	/** True when events of {@code level} are written anywhere. */
	boolean enabled(Level level);

	/** A view of this log that stamps every event with {@code runId}. */
	EventLog forRun(String runId);

	default void info(String event, Object... keyValues) {
		log(Level.INFO, event, pairs(keyValues));
	}

	default void warn(String event, Object... keyValues) {
		log(Level.WARN, event, pairs(keyValues));
	}

	default void error(String event, Object... keyValues) {
		log(Level.ERROR, event, pairs(keyValues));
	}

	default void debug(String event, Object... keyValues) {
		if (enabled(Level.DEBUG)) {
			log(Level.DEBUG, event, pairs(keyValues));
		}
	}

	/** Turns {@code k1, v1, k2, v2, ...} into an ordered map. */
	static Map<String, Object> pairs(Object... keyValues) {
		if (keyValues.length % 2 != 0) {
			throw new IllegalArgumentException("key/value pairs expected, got " + keyValues.length + " items");
		}
		Map<String, Object> fields = new java.util.LinkedHashMap<>();
		for (int i = 0; i < keyValues.length; i += 2) {
			fields.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
		}
		return fields;
	}
}
