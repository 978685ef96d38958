package dev.cairn.api.process;

import java.io.IOException;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs subprocesses: timeouts, whole-tree kill, capped output capture, scrubbed environment, sandboxing where the
 * machine has it, resource accounting. Every subprocess Cairn starts goes through this service.
 */
@ProviderType
public interface ProcessExecutor {
	/** Runs {@code spec} to completion, timeout or interruption. */
	default ProcessResult run(ProcessSpec spec) throws IOException, InterruptedException {
		return run(spec, line -> {
		});
	}

	/**
	 * Runs {@code spec}, handing each line of its output (standard output and error, as they arrive) to
	 * {@code lines} besides capturing it.
	 */
	ProcessResult run(ProcessSpec spec, Consumer<String> lines) throws IOException, InterruptedException;

	/** One line saying how commands are isolated here, for the run's environment snapshot. */
	String isolation();
}
