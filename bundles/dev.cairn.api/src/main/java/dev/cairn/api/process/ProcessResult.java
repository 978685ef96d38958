package dev.cairn.api.process;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a process ended.
 *
 * @param exitCode the process's exit code (-1 when killed)
 * @param timedOut true when the timeout killed it
 * @param wallTime elapsed time
 * @param stdout   file holding captured standard output
 * @param stderr   file holding captured standard error
 */
public record ProcessResult(int exitCode, boolean timedOut, Duration wallTime, Path stdout, Path stderr) {
}
