package dev.cairn.api.store;

/**
 * One test case from a report the Testing agent captured.
 *
 * @param runId          the run
 * @param suite          suite or class name
 * @param name           test name
 * @param status         passed, failed, error, skipped
 * @param durationMillis duration
 * @param message        failure message, if any
 */
public record TestCaseRecord(String runId, String suite, String name, String status, long durationMillis,
		String message) {
}
