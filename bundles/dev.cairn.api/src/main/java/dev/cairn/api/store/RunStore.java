package dev.cairn.api.store;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A run ledger backend, registered with {@code store.kind}. Consumers reference the store by interface and may be
 * pointed at another backend by configuration ({@code store_target}).
 */
@ProviderType
public interface RunStore {
	/** Records a new run. */
	void begin(RunRecord run);

	/** Records the end of a run: its final status and exit code. */
	void finish(String runId, String status, int exitCode);

	/** One run by id. */
	Optional<RunRecord> run(String runId);

	/** Runs, newest first. */
	List<RunRecord> runs(int limit);
}
