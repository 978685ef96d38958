package dev.cairn.store.sqlite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cairn.api.store.EventRecord;
import dev.cairn.api.store.RunRecord;
import dev.cairn.api.store.StepRecord;

/**
 * A process killed with SIGKILL in the middle of a run, while it writes: the ledger still opens, passes
 * {@code PRAGMA integrity_check}, and the run shows as interrupted.
 */
class CrashTest {
	@TempDir
	Path dir;

	/** The child process: begins a run, then writes events until it is killed. */
	public static void main(String[] args) throws Exception {
		try (SqliteLedger ledger = SqliteLedger.open(Path.of(args[0]), UnaryOperator.identity())) {
			RunRecord run = Fixtures.run("killed mid-run", "fastapi");
			ledger.begin(run);
			ledger.step(new StepRecord(run.id(), 1, "coding", null, "running", 1, Instant.now(), null, null, null));
			System.out.println(run.id());
			System.out.flush();
			for (int i = 0;; i++) {
				ledger.events(List.of(new EventRecord(run.id(), Instant.now(), "INFO", "tick", Map.of("i", i))));
			}
		}
	}

	@Test
	void killedWriterLeavesASoundLedgerAndAnInterruptedRun() throws Exception {
		Path file = dir.resolve("ledger.db");
		Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), CrashTest.class.getName(), file.toString())
				.redirectError(ProcessBuilder.Redirect.INHERIT).start();
		String runId;
		try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
			runId = out.readLine();
		}
		Thread.sleep(300); // let it be in the middle of writing
		assertTrue(child.isAlive(), "the child is still writing");
		new ProcessBuilder("kill", "-9", String.valueOf(child.pid())).start().waitFor();
		assertTrue(child.waitFor(10, TimeUnit.SECONDS));
		assertEquals(137, child.exitValue(), "killed by SIGKILL");

		try (SqliteLedger ledger = SqliteLedger.open(file, UnaryOperator.identity())) {
			assertEquals("ok", ledger.integrityCheck());
			assertEquals("running", ledger.run(runId).orElseThrow().status(), "not swept until asked");
			assertEquals(List.of(runId), ledger.markInterrupted());
			RunRecord run = ledger.run(runId).orElseThrow();
			assertEquals("interrupted", run.status());
			assertEquals(130, run.exitCode());
			assertEquals("interrupted", ledger.details(runId).orElseThrow().steps().get(0).status());
			assertTrue(ledger.details(runId).orElseThrow().events() > 0, "the events written before the kill are kept");
		}
	}

	@Test
	void runOfALiveProcessIsNotMarkedInterrupted() {
		try (SqliteLedger ledger = SqliteLedger.open(dir.resolve("ledger.db"), UnaryOperator.identity())) {
			RunRecord run = Fixtures.run("still running here", "fastapi");
			ledger.begin(run);
			assertEquals(List.of(), ledger.markInterrupted());
			assertEquals("running", ledger.run(run.id()).orElseThrow().status());
		}
	}
}
