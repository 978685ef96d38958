package dev.cairn.api.model;

/** A provider failure (auth, unknown model, unreachable server, timeout, malformed output); maps to exit code 4. */
public class ModelException extends Exception {
	private static final long serialVersionUID = 1L;

	private final boolean retryable;

	public ModelException(String message, boolean retryable, Throwable cause) {
		super(message, cause);
		this.retryable = retryable;
	}

	public ModelException(String message) {
		this(message, false, null);
	}

	/** True for rate limits and server errors worth retrying with backoff. */
	public boolean retryable() {
		return retryable;
	}
}
