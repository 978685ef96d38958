package dev.cairn.shell.internal;

import dev.cairn.api.ExitStatus;
import dev.cairn.api.run.RunOutcome;

/**
 * What {@code agent:run} returns: the outcome, rendered as a summary or as one JSON object; its exit code becomes
 * the process's.
 */
public record RunReport(RunOutcome outcome, boolean json) implements ExitStatus {
	@Override
	public int exitCode() {
		return outcome.exitCode();
	}
}
