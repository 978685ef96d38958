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
 * @param directory   working directory (inside the workspace)
 * @param environment extra environment variables on top of the allow-listed ones
 * @param timeout     wall-clock limit; the whole process tree is killed when it passes
 * @param network     whether the command may reach the network (package registries)
 * @param output      capture files: standard output goes to {@code <output>.out}, standard error to
 *                    {@code <output>.err}
 */
public record ProcessSpec(List<String> command, Path directory, Map<String, String> environment, Duration timeout,
		boolean network, Path output) {
	public ProcessSpec {
		command = List.copyOf(Objects.requireNonNull(command, "command"));
		if (command.isEmpty()) {
			throw new IllegalArgumentException("empty command");
		}
		Objects.requireNonNull(directory, "directory");
		environment = environment == null ? Map.of() : Map.copyOf(environment);
		Objects.requireNonNull(timeout, "timeout");
		Objects.requireNonNull(output, "output");
	}
}
