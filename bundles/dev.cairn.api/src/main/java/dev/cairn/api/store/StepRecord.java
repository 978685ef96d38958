package dev.cairn.api.store;

import java.time.Instant;

/**
 * One agent attempt.
 *
 * @param runId       the run
 * @param seq         1-based position in the run (retries get their own sequence number)
 * @param role        requirements, coding, testing, documentation
 * @param agent       the agent pinned for the role
 * @param status      running, succeeded, failed, retrying, cancelled
 * @param attempt     1 for the first try
 * @param startedAt   start
 * @param endedAt     end, {@code null} while running
 * @param error       one-line error when it failed
 * @param retryReason why this attempt was retried, when it was
 */
public record StepRecord(String runId, int seq, String role, PluginRef agent, String status, int attempt,
		Instant startedAt, Instant endedAt, String error, String retryReason) {
}
