package dev.cairn.api.run;

import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;

/** Runs the pipeline: Requirements, Coding, Testing, Documentation over one shared run context. */
@ProviderType
public interface RunService {
	/**
	 * Runs to completion, failure, budget exhaustion or interruption; never throws for a run that started (the
	 * outcome carries the exit code), throws {@link dev.cairn.api.CairnException} for bad input before it starts.
	 *
	 * @param progress receives one line per step start, end and notable sub-step, as they happen
	 */
	RunOutcome run(RunRequest request, Consumer<String> progress);
}
