package dev.cairn.process.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * CPU time and peak resident memory of a process tree, sampled from Linux's /proc every 50 ms while it runs.
 * Per process it keeps the last user+system time seen, so a child that lives between two samples is missed (the
 * figures are lower bounds); on systems without /proc both stay zero.
 */
final class ProcessUsage {
	static final long SAMPLE_MILLIS = 50;
	private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux
	private static final long PAGE = 4096;

	private final Process process;
	private final Map<Long, Long> ticks = new ConcurrentHashMap<>();
	/** Every descendant seen; a handle also holds its start time, so a reused PID is never mistaken for it. */
	private final Map<Long, ProcessHandle> seen = new ConcurrentHashMap<>();
	private volatile long peakRss;
	private volatile boolean stopped;
	private final Thread sampler;

	private ProcessUsage(Process process) {
		this.process = process;
		this.sampler = new Thread(this::loop, "cairn-usage-" + process.pid());
		sampler.setDaemon(true);
	}

	static ProcessUsage watch(Process process) {
		ProcessUsage usage = new ProcessUsage(process);
		usage.sampler.start();
		return usage;
	}

	private void loop() {
		while (!stopped && process.isAlive()) {
			sample();
			try {
				Thread.sleep(SAMPLE_MILLIS);
			} catch (InterruptedException e) {
				return;
			}
		}
	}

	void sample() {
		long rss = 0;
		for (ProcessHandle p : (Iterable<ProcessHandle>) Stream.concat(Stream.of(process.toHandle()),
				process.descendants())::iterator) {
			if (p.pid() != process.pid()) {
				seen.putIfAbsent(p.pid(), p);
			}
			Path proc = Path.of("/proc", String.valueOf(p.pid()));
			try {
				String stat = Files.readString(proc.resolve("stat"));
				// fields after the command name, which may contain spaces, closed by the last ')'
				String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				ticks.put(p.pid(), Long.parseLong(f[11]) + Long.parseLong(f[12]));
				rss += Long.parseLong(Files.readString(proc.resolve("statm")).split(" ")[1]) * PAGE;
			} catch (IOException | RuntimeException gone) {
				// exited between listing and reading, or no /proc here
			}
		}
		peakRss = Math.max(peakRss, rss);
	}

	/**
	 * Kills descendants that outlived the command (a dev server a crashed script left behind): once their parent is
	 * gone they are no longer the command's descendants, so only what the sampler saw can find them.
	 */
	int killLeftovers() {
		int killed = 0;
		for (ProcessHandle p : seen.values()) {
			if (p.isAlive()) {
				p.destroyForcibly();
				killed++;
			}
		}
		return killed;
	}

	void stop() {
		stopped = true;
		sampler.interrupt();
	}

	Duration cpu() {
		long total = ticks.values().stream().mapToLong(Long::longValue).sum();
		return Duration.ofMillis(total * 1000 / TICKS_PER_SECOND);
	}

	long peakRss() {
		return peakRss;
	}
}
