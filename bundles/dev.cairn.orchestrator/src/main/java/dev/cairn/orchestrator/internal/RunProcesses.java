package dev.cairn.orchestrator.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

import dev.cairn.api.process.ProcessExecutor;
import dev.cairn.api.process.ProcessResult;
import dev.cairn.api.process.ProcessSpec;
import dev.cairn.api.store.Ledger;
import dev.cairn.api.store.ProcessRecord;

/**
 * The platform's process executor as one run sees it: every command may also write to the run's folder (reports),
 * streams its output to the user's console as it arrives, and is recorded in the ledger with its resources, whether
 * it succeeded or not.
 */
final class RunProcesses implements ProcessExecutor {
	/** Longer output lines are cut on the console; the capture files keep them whole. */
	static final int CONSOLE_WIDTH = 160;
	static final long QUIET_NANOS = 2_000_000_000L;
	static final int HELD_LINES = 20;

	private final ProcessExecutor delegate;
	private final String runId;
	private final java.nio.file.Path runDirectory;
	private final java.nio.file.Path workspace;
	private final Ledger ledger;
	private final IntSupplier step;
	private final Consumer<String> console;

	RunProcesses(ProcessExecutor delegate, String runId, java.nio.file.Path workspace, java.nio.file.Path runDirectory,
			Ledger ledger, IntSupplier step, Consumer<String> console) {
		this.delegate = delegate;
		this.workspace = workspace.toAbsolutePath().normalize();
		this.runId = runId;
		this.runDirectory = runDirectory;
		this.ledger = ledger;
		this.step = step;
		this.console = console;
	}

	@Override
	public ProcessResult run(ProcessSpec spec, Consumer<String> lines) throws IOException, InterruptedException {
		java.nio.file.Path dir = spec.directory().toAbsolutePath().normalize();
		if (!dir.startsWith(workspace) && !dir.startsWith(runDirectory.toAbsolutePath().normalize())) {
			// an agent or template asking to run a command elsewhere is refused, sandbox or not
			throw new dev.cairn.api.CairnException(dev.cairn.api.ExitCode.BLOCKED, "refused to run "
					+ spec.command().get(0) + " in " + dir + ": commands run inside the workspace or the run's folder");
		}
		Instant started = Instant.now();
		long start = System.nanoTime();
		java.util.ArrayDeque<String> held = new java.util.ArrayDeque<>();
		// quick commands (version checks, pip freeze) stay quiet; a command still running after QUIET_NANOS shows
		// the tail of what it printed so far, then each line as it arrives
		Consumer<String> both = line -> {
			String shown = "  | " + (line.length() > CONSOLE_WIDTH ? line.substring(0, CONSOLE_WIDTH) + "…" : line);
			if (System.nanoTime() - start < QUIET_NANOS) {
				held.add(shown);
				if (held.size() > HELD_LINES) {
					held.removeFirst();
				}
			} else {
				while (!held.isEmpty()) {
					console.accept(held.removeFirst());
				}
				console.accept(shown);
			}
			lines.accept(line);
		};
		ProcessResult result = delegate.run(spec.withWritable(List.of(runDirectory)), both);
		ledger.process(new ProcessRecord(runId, step.getAsInt(), spec.output().getFileName().toString(),
				String.join(" ", spec.command()), result.exitCode(), result.timedOut(), result.wallTime().toMillis(),
				result.cpuTime().toMillis(), result.peakRss(), result.isolation(), started));
		return result;
	}

	@Override
	public String isolation() {
		return delegate.isolation();
	}
}
