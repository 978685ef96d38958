package dev.cairn.api.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to run.
 *
 * @param command     program and arguments
 * @param directory   working directory (inside the workspace); writable inside the sandbox
 * @param environment extra environment variables on top of the allow-listed ones
 * @param timeout     wall-clock limit; the whole process tree is killed when it passes
 * @param network     whether the command may reach the network (package registries); without it a sandboxed
 *                    command sees loopback only
 * @param output      capture files: standard output goes to {@code <output>.out}, standard error to
 *                    {@code <output>.err}
 * @param writable    further folders the command may write to when sandboxed (reports, caches)
 */
public record ProcessSpec(List<String> command, Path directory, Map<String, String> environment, Duration timeout,
		boolean network, Path output, List<Path> writable) {
	public ProcessSpec {
		command = List.copyOf(Objects.requireNonNull(command, "command"));
		if (command.isEmpty()) {
			throw new IllegalArgumentException("empty command");
		}
		Objects.requireNonNull(directory, "directory");
		environment = environment == null ? Map.of() : Map.copyOf(environment);
		Objects.requireNonNull(timeout, "timeout");
		Objects.requireNonNull(output, "output");
		writable = writable == null ? List.of() : List.copyOf(writable);
	}

	/** A spec that writes only to its working directory. */
	public ProcessSpec(List<String> command, Path directory, Map<String, String> environment, Duration timeout,
			boolean network, Path output) {
		this(command, directory, environment, timeout, network, output, List.of());
	}

	/** The same spec with more writable folders. */
	public ProcessSpec withWritable(List<Path> more) {
		List<Path> all = new java.util.ArrayList<>(writable);
		all.addAll(more);
		return new ProcessSpec(command, directory, environment, timeout, network, output, all);
	}
}
