package dev.cairn.api.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What {@code agent:run} asks for.
 *
 * @param prompt    what to build
 * @param stack     a stack or template id to use without selection, or {@code null}
 * @param workspace where the project goes, or {@code null} for a new folder under the run's folder
 * @param inputs    input documents
 * @param model     {@code none} (deterministic, template-driven) or a model provider id such as {@code openai}
 * @param seed      the seed every deterministic choice derives from
 * @param budget    wall-clock budget for the whole run
 * @param home      Cairn's home for this run, or {@code null} for the configured one
 * @param replayOf  the id of a recorded run to replay (its model answers served from the ledger), or {@code null}
 */
public record RunRequest(String prompt, String stack, Path workspace, List<Path> inputs, String model, long seed,
		Duration budget, Path home, String replayOf) {
	public RunRequest {
		inputs = inputs == null ? List.of() : List.copyOf(inputs);
	}

	public RunRequest(String prompt, String stack, Path workspace, List<Path> inputs, String model, long seed,
			Duration budget, Path home) {
		this(prompt, stack, workspace, inputs, model, seed, budget, home, null);
	}
}
