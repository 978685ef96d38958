package dev.cairn.api.store;

import java.time.Instant;

/**
 * A run as the ledger keeps it.
 *
 * @param id        ULID
 * @param prompt    the prompt, already redacted
 * @param status    running, succeeded, failed, interrupted, ...
 * @param exitCode  the run's exit code, or -1 while running
 * @param stack     the stack the run built
 * @param startedAt start time
 * @param endedAt   end time, {@code null} while running
 */
public record RunRecord(String id, String prompt, String status, int exitCode, String stack, Instant startedAt,
		Instant endedAt) {
}
