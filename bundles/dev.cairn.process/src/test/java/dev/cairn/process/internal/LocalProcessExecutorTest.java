package dev.cairn.process.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cairn.api.log.EventLog;
import dev.cairn.api.log.Level;
import dev.cairn.api.process.ProcessResult;
import dev.cairn.api.process.ProcessSpec;

/** Real subprocesses: capture, exit codes, environment scrubbing, timeouts that kill the whole tree, usage. */
class LocalProcessExecutorTest {
	@TempDir
	Path dir;

	static final EventLog QUIET = new EventLog() {
		@Override
		public void log(Level level, String event, Map<String, ?> fields) {
		}

		@Override
		public boolean enabled(Level level) {
			return false;
		}

		@Override
		public EventLog forRun(String runId) {
			return this;
		}
	};

	ProcessResult run(Duration timeout, Map<String, String> env, String script) throws Exception {
		return new LocalProcessExecutor(QUIET)
				.run(new ProcessSpec(List.of("bash", "-c", script), dir, env, timeout, false, dir.resolve("logs/cmd")));
	}

	@Test
	void capturesBothStreamsAndTheExitCode() throws Exception {
		ProcessResult r = run(Duration.ofSeconds(10), Map.of(), "echo out; echo err >&2; exit 3");
		assertEquals(3, r.exitCode());
		assertFalse(r.timedOut());
		assertEquals("out\n", Files.readString(r.stdout()));
		assertEquals("err\n", Files.readString(r.stderr()));
	}

	@Test
	void secretsInCairnsEnvironmentAreNotInherited() throws Exception {
		// the test JVM's own environment stands in for Cairn's: only allow-listed names pass, plus what the spec adds
		ProcessResult r = run(Duration.ofSeconds(10), Map.of("EXTRA", "given"), "env");
		String env = Files.readString(r.stdout());
		assertTrue(env.contains("EXTRA=given"));
		assertTrue(env.contains("PATH="));
		for (String line : env.split("\n")) {
			String name = line.contains("=") ? line.substring(0, line.indexOf('=')) : line;
			assertTrue(LocalProcessExecutor.ALLOWED.contains(name) || name.equals("EXTRA") || name.equals("PWD")
					|| name.equals("SHLVL") || name.equals("_"), "not allow-listed: " + name);
		}
	}

	@Test
	void aTimeoutKillsTheWholeTreeIncludingBackgroundChildren() throws Exception {
		Path marker = dir.resolve("child.pid");
		long start = System.nanoTime();
		ProcessResult r = run(Duration.ofMillis(800), Map.of(),
				"sleep 300 & echo $! > " + marker + "; sleep 300");
		assertTrue(r.timedOut());
		assertEquals(-1, r.exitCode());
		assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10, "the timeout is enforced");
		long child = Long.parseLong(Files.readString(marker).trim());
		Thread.sleep(200);
		assertFalse(running(child), "the background child is gone too");
	}

	/** Alive and not a zombie: a killed orphan may wait for PID 1 to reap it, which it never runs again. */
	static boolean running(long pid) throws Exception {
		Path stat = Path.of("/proc", String.valueOf(pid), "stat");
		if (!Files.exists(stat)) {
			return false;
		}
		String s = Files.readString(stat);
		return s.charAt(s.lastIndexOf(')') + 2) != 'Z';
	}

	@Test
	void cpuAndPeakMemoryOfABusyProcessAreMeasured() throws Exception {
		ProcessResult r = run(Duration.ofSeconds(30), Map.of(),
				"python3 -c \"import time; b=bytearray(64*1024*1024); t=time.time()\nwhile time.time()-t<0.6: pass\"");
		assertEquals(0, r.exitCode(), Files.readString(r.stderr()));
		assertTrue(r.cpuTime().toMillis() >= 300, "busy for ~0.6 s: " + r.cpuTime());
		assertTrue(r.peakRss() >= 64L * 1024 * 1024, "holds 64 MB: " + r.peakRss());
	}
}
