package dev.cairn.api.run;

import java.util.List;

import dev.cairn.api.ExitStatus;

/**
 * What a run produced; {@code agent:run --json} prints exactly this object (snake_case keys).
 */
public record RunOutcome(String runId, String status, int exitCode, String stack, Plugin template, Model model,
		String workspace, String dist, String ledger, long durationMs, List<Step> steps, Tests tests, Error error,
		Rollback rollback, Replay replay) implements ExitStatus {

	public RunOutcome(String runId, String status, int exitCode, String stack, Plugin template, Model model,
			String workspace, String dist, String ledger, long durationMs, List<Step> steps, Tests tests, Error error,
			Rollback rollback) {
		this(runId, status, exitCode, stack, template, model, workspace, dist, ledger, durationMs, steps, tests, error,
				rollback, null);
	}

	/**
	 * How a replay compared with the run it replayed.
	 *
	 * @param of               the original run
	 * @param identical        every model request matched the recording and every artifact has the original's SHA-256
	 * @param calls            recorded model calls served
	 * @param artifacts        artifacts compared
	 * @param firstDivergence  the first diverging request or file, or {@code null}
	 * @param differing        paths whose SHA-256 differs, or that only one of the runs produced
	 */
	public record Replay(String of, boolean identical, int calls, int artifacts, String firstDivergence,
			List<String> differing) {
	}

	/** A failed run's workspace was restored to its pre-run snapshot; the change it had made is kept as a patch. */
	public record Rollback(String snapshot, String patch) {
	}

	/** A pinned plug-in's identity. */
	public record Plugin(String id, String version, String bundle) {
	}

	/** The model used and what it cost: calls and tokens, 0 for a deterministic run. */
	public record Model(String provider, String model, int calls, long inputTokens, long outputTokens) {
		public Model(String provider, String model) {
			this(provider, model, 0, 0, 0);
		}
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
