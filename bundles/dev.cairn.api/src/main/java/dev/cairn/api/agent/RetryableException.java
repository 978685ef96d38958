package dev.cairn.api.agent;

/**
 * A transient failure (a flaky network call, a busy resource): the orchestrator may retry the step, with backoff,
 * within its attempt bound. Deterministic failures must not use this type.
 */
public class RetryableException extends Exception {
	private static final long serialVersionUID = 1L;

	public RetryableException(String message, Throwable cause) {
		super(message, cause);
	}
}
