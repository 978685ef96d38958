package dev.cairn.process.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
		return run("auto", timeout, env, script);
	}

	ProcessResult run(String mode, Duration timeout, Map<String, String> env, String script) throws Exception {
		return new LocalProcessExecutor(QUIET, () -> mode)
				.run(new ProcessSpec(List.of("bash", "-c", script), dir, env, timeout, false, dir.resolve("logs/cmd")));
	}

	static boolean bubblewrapWorks() {
		return new Sandbox().use("auto");
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

	@ParameterizedTest
	@ValueSource(strings = { "none", "bubblewrap" })
	void aTimeoutKillsTheWholeTreeIncludingBackgroundChildren(String mode) throws Exception {
		assumeTrue(mode.equals("none") || bubblewrapWorks(), "bubblewrap is not usable on this machine");
		// a unique duration marks this test's processes in the host's process table (a sandbox has its own PIDs)
		String seconds = String.valueOf(300 + (System.nanoTime() % 600));
		Path marker = dir.resolve("child.started");
		long start = System.nanoTime();
		ProcessResult r = run(mode, Duration.ofMillis(1500), Map.of(),
				"sleep " + seconds + " & touch " + marker + "; sleep " + seconds);
		assertTrue(r.timedOut());
		assertEquals(-1, r.exitCode());
		assertEquals(mode.equals("none") ? "none" : "bubblewrap", r.isolation());
		assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10, "the timeout is enforced");
		assertTrue(Files.exists(marker), "the background child had started");
		Thread.sleep(300);
		assertEquals(List.of(), running("sleep\0" + seconds), "the background child is gone too");
	}

	@ParameterizedTest
	@ValueSource(strings = { "none", "bubblewrap" })
	void aServerLeftRunningByAFinishedCommandIsStopped(String mode) throws Exception {
		assumeTrue(mode.equals("none") || bubblewrapWorks(), "bubblewrap is not usable on this machine");
		String seconds = String.valueOf(900 + (System.nanoTime() % 600));
		// like a smoke-test script that crashed before stopping its dev server
		ProcessResult r = run(mode, Duration.ofSeconds(20), Map.of(), "sleep " + seconds + " & sleep 0.5; exit 0");
		assertEquals(0, r.exitCode());
		Thread.sleep(300);
		assertEquals(List.of(), running("sleep\\0" + seconds), "the orphaned server is gone");
	}

	/** PIDs of live (not zombie) processes whose NUL-separated command line contains {@code cmdline}. */
	static List<Long> running(String cmdline) throws Exception {
		String needle = cmdline.replace("\\0", "\0");
		List<Long> found = new java.util.ArrayList<>();
		try (var procs = Files.list(Path.of("/proc"))) {
			for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
				try {
					String cmd = new String(Files.readAllBytes(p.resolve("cmdline")));
					String stat = Files.readString(p.resolve("stat"));
					if (cmd.contains(needle) && stat.charAt(stat.lastIndexOf(')') + 2) != 'Z') {
						found.add(Long.parseLong(p.getFileName().toString()));
					}
				} catch (java.io.IOException gone) {
					// exited while we looked
				}
			}
		}
		return found;
	}

	@Test
	void outputIsStreamedLineByLineAsItArrives() throws Exception {
		List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
		ProcessResult r = new LocalProcessExecutor(QUIET, () -> "auto").run(new ProcessSpec(
				List.of("bash", "-c", "echo one; echo two >&2; printf 'no newline'"), dir, Map.of(),
				Duration.ofSeconds(10), false, dir.resolve("logs/stream")), lines::add);
		assertEquals(0, r.exitCode());
		assertEquals(java.util.Set.of("one", "two", "no newline"), java.util.Set.copyOf(lines));
	}

	@Test
	void aFloodOfOutputIsCappedOnDiskAndDoesNotStallTheProcess() throws Exception {
		// 40 MB on standard output: the capture keeps 8 MB and says so; the process is never blocked on a full pipe
		ProcessResult r = run(Duration.ofSeconds(60), Map.of(), "head -c 41943040 /dev/zero | tr '\\0' 'x'");
		assertEquals(0, r.exitCode());
		assertFalse(r.timedOut());
		long size = Files.size(r.stdout());
		assertTrue(size >= LocalProcessExecutor.CAP && size < LocalProcessExecutor.CAP + 100, "capped: " + size);
		assertTrue(Files.readString(r.stdout()).endsWith("[cairn: output truncated at 8 MB]\n"));
	}

	@Test
	void aMissingProgramFailsLikeProcessBuilderSays() {
		java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
				() -> new LocalProcessExecutor(QUIET, () -> "auto").run(new ProcessSpec(List.of("no-such-tool-xyz"),
						dir, Map.of(), Duration.ofSeconds(5), false, dir.resolve("logs/missing"))));
		assertTrue(e.getMessage().contains("error=2"), e.getMessage());
	}

	@Test
	void theSandboxConfinesWritesToTheWorkspaceAndCutsTheNetwork() throws Exception {
		assumeTrue(bubblewrapWorks(), "bubblewrap is not usable on this machine");
		Path outside = Files.createTempDirectory(Path.of(System.getProperty("user.home")), "cairn-outside");
		try {
			ProcessResult r = run("bubblewrap", Duration.ofSeconds(20), Map.of(), "touch inside && echo ok; touch "
					+ outside.resolve("escaped") + " 2>/dev/null || echo blocked; echo tmp > /tmp/own && echo tmp-ok; "
					+ "python3 -c 'import socket; socket.create_connection((\"deb.debian.org\", 80), timeout=3)' "
					+ "2>/dev/null && echo online || echo offline");
			assertEquals("ok\nblocked\ntmp-ok\noffline\n", Files.readString(r.stdout()), Files.readString(r.stderr()));
			assertTrue(Files.exists(dir.resolve("inside")), "the working directory is writable");
			assertFalse(Files.exists(outside.resolve("escaped")), "nothing lands outside it");
			assertEquals("bubblewrap", r.isolation());
			assertTrue(new LocalProcessExecutor(QUIET, () -> "auto").isolation().startsWith("bubblewrap"));
			assertTrue(new LocalProcessExecutor(QUIET, () -> "none").isolation().startsWith("none"));
		} finally {
			Files.walk(outside).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
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
