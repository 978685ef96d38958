package dev.cairn.api.agent;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import dev.cairn.api.log.EventLog;

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

	/** Reads a result an earlier agent stored. */
	<T> Optional<T> get(Key<T> key);

	/** Stores a result for later agents. */
	<T> void put(Key<T> key, T value);

	/** True once the user cancelled or the budget ran out; agents stop at the next safe point. */
	boolean cancelled();

	/** A typed attribute name. */
	record Key<T>(String name, Class<T> type) {
		public static <T> Key<T> of(String name, Class<T> type) {
			return new Key<>(name, type);
		}
	}
}
