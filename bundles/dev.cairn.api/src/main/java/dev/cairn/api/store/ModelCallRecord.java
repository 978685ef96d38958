package dev.cairn.api.store;

import java.time.Instant;

/**
 * One model call, with enough to replay the run offline.
 *
 * @param runId        the run
 * @param stepSeq      the step that made the call
 * @param provider     provider id
 * @param model        model name
 * @param request      request body (redacted)
 * @param response     response body (redacted)
 * @param inputTokens  tokens in
 * @param outputTokens tokens out
 * @param latencyMillis wall time of the call
 * @param status       ok, error, ...
 * @param retries      retries before the final outcome
 * @param startedAt    start
 */
public record ModelCallRecord(String runId, int stepSeq, String provider, String model, String request,
		String response, long inputTokens, long outputTokens, long latencyMillis, String status, int retries,
		Instant startedAt) {
}
