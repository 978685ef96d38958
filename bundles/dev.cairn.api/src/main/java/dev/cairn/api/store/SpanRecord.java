package dev.cairn.api.store;

import java.time.Instant;
import java.util.Map;

/**
 * A trace span, shaped like the OpenAI Agents SDK's: a run is one trace; agents, generations (model calls),
 * function (tool) calls and guardrail checks are spans in it.
 *
 * @param traceId    the trace (one per run)
 * @param spanId     this span
 * @param parentId   the parent span, {@code null} at the root
 * @param runId      the run
 * @param type       agent, generation, function, guardrail or custom
 * @param name       e.g. the agent id or tool name
 * @param startedAt  start
 * @param endedAt    end
 * @param attributes span data (stored as JSON, redacted)
 */
public record SpanRecord(String traceId, String spanId, String parentId, String runId, String type, String name,
		Instant startedAt, Instant endedAt, Map<String, ?> attributes) {
	/** The span types the ledger accepts. */
	public static final java.util.Set<String> TYPES = java.util.Set.of("agent", "generation", "function", "guardrail",
			"custom");

	public SpanRecord {
		if (!TYPES.contains(type)) {
			throw new IllegalArgumentException("span type must be one of " + TYPES + ": " + type);
		}
		attributes = attributes == null ? Map.of() : attributes;
	}
}
