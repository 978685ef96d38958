package dev.cairn.api.process;

import java.io.IOException;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs subprocesses: timeouts, whole-tree kill, capped output capture, scrubbed environment, resource accounting.
 * Every subprocess Cairn starts goes through this service.
 */
@ProviderType
public interface ProcessExecutor {
	/** Runs {@code spec} to completion, timeout or interruption. */
	ProcessResult run(ProcessSpec spec) throws IOException, InterruptedException;
}
