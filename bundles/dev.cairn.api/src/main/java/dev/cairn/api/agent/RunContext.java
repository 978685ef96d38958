package dev.cairn.api.agent;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import dev.cairn.api.log.EventLog;
import dev.cairn.api.process.ProcessExecutor;
import dev.cairn.api.registry.Pinned;
import dev.cairn.api.store.Ledger;
import dev.cairn.api.template.StackTemplate;

/**
 * The one context a run hands from agent to agent. Its deterministic metadata (run id, seed, versions) never
 * changes during a run; agents add results as typed attributes (the spec, the environment, decisions).
 */
@ProviderType
public interface RunContext {
	/** Sortable unique run id (a ULID). */
	String runId();

	/** The seed every deterministic choice in the run derives from. */
	long seed();

	/** The user's prompt, as given. */
	String prompt();

	/** Input documents given with {@code --input}, in order. */
	List<Path> inputs();

	/** The project folder the run writes into. */
	Path workspace();

	/** The run's own folder under Cairn's home (logs, reports, diagnostics). */
	Path runDirectory();

	/** Events for this run: progress, warnings; each carries the run id. */
	EventLog events();

	/** The ledger this run is recorded in; agents add artifacts, tests, environment and dependencies. */
	Ledger ledger();

	/** The sequence number of the step (agent attempt) running now, for the records it produces. */
	int step();

	/** The stack the user asked for with {@code --stack}, if any. */
	Optional<String> requestedStack();

	/** The templates pinned when the run started: one per template id, the preferred version of each. */
	List<Pinned<StackTemplate>> templates();

	/**
	 * The process executor bound to this run: each command is recorded in the ledger with its resources, may write
	 * to the run's folder besides its working directory, and streams its output to the user's console.
	 */
	ProcessExecutor processes();

	/** Reports progress to the user (live) and to the run's event stream. */
	void progress(String message);

	/** Cairn's version, recorded for reproducibility. */
	String cairnVersion();

	/** Reads a result an earlier agent stored. */
	<T> Optional<T> get(Key<T> key);

	/** Stores a result for later agents. */
	<T> void put(Key<T> key, T value);

	/** True once the user cancelled or the budget ran out; agents stop at the next safe point. */
	boolean cancelled();

	/**
	 * The model this run uses ({@code --model openai}), pinned when it started; empty for a deterministic run
	 * ({@code --model none}).
	 */
	default Optional<dev.cairn.api.model.ModelSession> model() {
		return Optional.empty();
	}

	/**
	 * The run this one replays, when it is a replay ({@code agent:replay}). Whatever a run writes about itself into
	 * the project (README, SBOM) names the original, so a faithful replay reproduces it byte for byte.
	 */
	default Optional<String> replayOf() {
		return Optional.empty();
	}

	/**
	 * Records a trace span under the current step's agent span: {@code function} for a tool call, {@code guardrail}
	 * for a guard check, {@code custom} otherwise. Attributes are redacted before they are stored.
	 */
	default void span(String type, String name, java.time.Instant start, java.util.Map<String, ?> attributes) {
	}

	/** A typed attribute name. */
	record Key<T>(String name, Class<T> type) {
		public static <T> Key<T> of(String name, Class<T> type) {
			return new Key<>(name, type);
		}
	}
}
