package dev.cairn.api;

/**
 * Process exit codes of {@code ./agent}. The numbers are part of Cairn's public contract (README, "Exit codes").
 */
public enum ExitCode {
	/** The command or run succeeded. */
	OK(0),
	/** The generated project's tests still fail after the one fix-forward. */
	TESTS_FAILED(1),
	/** Bad input or usage: unknown command or option, empty prompt, unknown stack, unknown run id. */
	USAGE(2),
	/** The environment is not ready: a required toolchain is missing. */
	ENVIRONMENT(3),
	/** The model provider failed. */
	MODEL(4),
	/** The run's time or token budget was exceeded. */
	BUDGET(5),
	/** A guard policy blocked the run. */
	BLOCKED(6),
	/** A replay ({@code agent:replay}) diverged from the recorded run: a model request or an artifact differs. */
	DIVERGED(7),
	/** A defect inside Cairn; the message and the log say where. */
	INTERNAL(70),
	/** Interrupted (Ctrl-C). */
	INTERRUPTED(130);

	private final int code;

	ExitCode(int code) {
		this.code = code;
	}

	/** @return the numeric process exit code */
	public int code() {
		return code;
	}
}
