package dev.cairn.api.run;

import java.util.List;

import dev.cairn.api.ExitStatus;

/**
 * What a run produced; {@code agent:run --json} prints exactly this object (snake_case keys).
 */
public record RunOutcome(String runId, String status, int exitCode, String stack, Plugin template, Model model,
		String workspace, String dist, String ledger, long durationMs, List<Step> steps, Tests tests, Error error,
		Rollback rollback) implements ExitStatus {

	/** A failed run's workspace was restored to its pre-run snapshot; the change it had made is kept as a patch. */
	public record Rollback(String snapshot, String patch) {
	}

	/** A pinned plug-in's identity. */
	public record Plugin(String id, String version, String bundle) {
	}

	/** The model used. */
	public record Model(String provider, String model) {
	}

	/** One role's outcome. */
	public record Step(String role, Plugin agent, String status, int attempts, long durationMs) {
	}

	/** Test totals. */
	public record Tests(int passed, int failed, int skipped) {
	}

	/** Why a run failed. */
	public record Error(int code, String message) {
	}
}
