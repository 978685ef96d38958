package dev.cairn.api;

import java.util.Objects;

/**
 * A failure a user should see as one clear line, with the exit code it maps to. Commands and agents throw it; the
 * shell prints {@link #getMessage()} and exits with {@link #exitCode()}, never a stack trace.
 */
public class CairnException extends RuntimeException {
	private static final long serialVersionUID = 1L;

	private final ExitCode exitCode;

	public CairnException(ExitCode exitCode, String message) {
		this(exitCode, message, null);
	}

	public CairnException(ExitCode exitCode, String message, Throwable cause) {
		super(Objects.requireNonNull(message, "message"), cause);
		this.exitCode = Objects.requireNonNull(exitCode, "exitCode");
	}

	public ExitCode exitCode() {
		return exitCode;
	}

	/** Shorthand for a usage error (exit 2). */
	public static CairnException usage(String message) {
		return new CairnException(ExitCode.USAGE, message);
	}
}
