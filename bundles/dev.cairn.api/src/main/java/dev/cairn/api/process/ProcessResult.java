package dev.cairn.api.process;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a process ended.
 *
 * @param exitCode  the process's exit code (-1 when killed)
 * @param timedOut  true when the timeout killed it
 * @param wallTime  elapsed time
 * @param stdout    file holding captured standard output
 * @param stderr    file holding captured standard error
 * @param cpuTime   user + system CPU of the process tree, sampled (Linux /proc; zero where unavailable)
 * @param peakRss   largest resident memory of the process tree at any sample, in bytes
 * @param isolation how it was isolated: {@code bubblewrap} or {@code none}
 */
public record ProcessResult(int exitCode, boolean timedOut, Duration wallTime, Path stdout, Path stderr,
		Duration cpuTime, long peakRss, String isolation) {
}
