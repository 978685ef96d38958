package dev.cairn.api.store;

import java.time.Instant;
import java.util.List;

/**
 * A run as the ledger keeps it.
 *
 * @param id              ULID (sortable by start time)
 * @param prompt          the prompt (redacted before storage)
 * @param inputs          input document paths
 * @param status          {@code running}, {@code succeeded}, {@code failed}, {@code interrupted}, ...
 * @param exitCode        the run's exit code; {@code null} while running
 * @param stack           the stack built
 * @param template        the template pinned for the run, when chosen
 * @param modelProvider   {@code none}, {@code openai}, ...
 * @param model           model name, when a model is used
 * @param seed            the run's seed
 * @param cairnVersion    Cairn's version
 * @param home            Cairn's home for the run
 * @param workspace       the project folder
 * @param runDirectory    the run's own folder (logs, reports)
 * @param startedAt       start
 * @param endedAt         end, {@code null} while running
 * @param error           the one-line error of a failed run
 */
public record RunRecord(String id, String prompt, List<String> inputs, String status, Integer exitCode, String stack,
		PluginRef template, String modelProvider, String model, long seed, String cairnVersion, String home,
		String workspace, String runDirectory, Instant startedAt, Instant endedAt, String error) {

	public RunRecord {
		inputs = inputs == null ? List.of() : List.copyOf(inputs);
	}

	/** Milliseconds from start to end, or {@code null} while running. */
	public Long durationMillis() {
		return endedAt == null ? null : endedAt.toEpochMilli() - startedAt.toEpochMilli();
	}
}
