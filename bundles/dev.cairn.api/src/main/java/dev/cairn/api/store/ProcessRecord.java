package dev.cairn.api.store;

import java.time.Instant;

/**
 * One subprocess a run started, with the resources it used.
 *
 * @param runId      the run
 * @param stepSeq    the step that started it
 * @param name       the name of its capture files, e.g. {@code pip-install}
 * @param command    the command line (redacted before it is stored)
 * @param exitCode   exit code, -1 when killed
 * @param timedOut   killed by its timeout
 * @param wallMillis elapsed time
 * @param cpuMillis  user + system CPU of the process tree
 * @param peakRss    peak resident memory of the process tree, in bytes
 * @param isolation  {@code bubblewrap} or {@code none}
 * @param startedAt  when it started
 */
public record ProcessRecord(String runId, int stepSeq, String name, String command, int exitCode, boolean timedOut,
		long wallMillis, long cpuMillis, long peakRss, String isolation, Instant startedAt) {
}
