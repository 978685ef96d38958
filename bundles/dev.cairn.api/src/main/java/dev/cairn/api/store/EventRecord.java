package dev.cairn.api.store;

import java.time.Instant;
import java.util.Map;

/**
 * One structured event of a run's stream (progress, warnings).
 *
 * @param runId  the run
 * @param at     when
 * @param level  TRACE .. ERROR
 * @param name   event name, e.g. {@code step.started}
 * @param fields event fields (stored as JSON, redacted)
 */
public record EventRecord(String runId, Instant at, String level, String name, Map<String, ?> fields) {
	public EventRecord {
		fields = fields == null ? Map.of() : fields;
	}
}
