package dev.cairn.store.sqlite.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cairn.api.CairnException;
import dev.cairn.api.ExitCode;
import dev.cairn.api.store.ArtifactRecord;
import dev.cairn.api.store.DependencyRecord;
import dev.cairn.api.store.EnvironmentRecord;
import dev.cairn.api.store.EventRecord;
import dev.cairn.api.store.GuardDecisionRecord;
import dev.cairn.api.store.ModelCallRecord;
import dev.cairn.api.store.PluginRef;
import dev.cairn.api.store.RunDetails;
import dev.cairn.api.store.RunQuery;
import dev.cairn.api.store.RunRecord;
import dev.cairn.api.store.SpanRecord;
import dev.cairn.api.store.StepRecord;
import dev.cairn.api.store.TestCaseRecord;

class SqliteLedgerTest {
	static final UnaryOperator<String> NO_REDACTION = UnaryOperator.identity();

	@TempDir
	Path dir;

	Path file() {
		return dir.resolve("ledger.db");
	}

	@Test
	void newLedgerIsAtTheLatestSchemaInWalModeWithForeignKeysOn() {
		try (SqliteLedger ledger = SqliteLedger.open(file(), NO_REDACTION)) {
			assertEquals(String.valueOf(Migrations.LATEST), ledger.pragma("user_version"));
			assertEquals("wal", ledger.pragma("journal_mode"));
			assertEquals("1", ledger.pragma("foreign_keys"));
			assertEquals("ok", ledger.integrityCheck());
			// foreign keys are enforced: a step for a run that does not exist is refused
			CairnException e = assertThrows(CairnException.class, () -> ledger.step(
					new StepRecord("NO-SUCH-RUN", 1, "coding", null, "running", 1, Instant.now(), null, null, null)));
			assertTrue(e.getMessage().contains("FOREIGN KEY"), e.getMessage());
		}
	}

	@Test
	void everyKindOfRecordRoundTripsThroughDetails() {
		try (SqliteLedger ledger = SqliteLedger.open(file(), NO_REDACTION)) {
			RunRecord run = Fixtures.run("A FastAPI CRUD service for books", "fastapi");
			String id = run.id();
			Instant t0 = run.startedAt();
			ledger.begin(run);
			PluginRef coder = new PluginRef("fastapi-coder", "0.1.0", "dev.cairn.agent.coding", "0.1.0");
			ledger.step(new StepRecord(id, 1, "coding", coder, "running", 1, t0, null, null, null));
			ledger.step(new StepRecord(id, 1, "coding", coder, "succeeded", 1, t0, t0.plusMillis(900), null, null));
			ledger.step(new StepRecord(id, 2, "testing", null, "failed", 1, t0, t0.plusSeconds(2), "pip timed out",
					null));
			ledger.step(new StepRecord(id, 3, "testing", null, "succeeded", 2, t0, t0.plusSeconds(5), null,
					"retryable: package index timeout"));
			ledger.modelCall(new ModelCallRecord(id, 1, "openai", "gpt-5-mini", "{\"input\":\"hi\"}", "{\"output\":\"ok\"}",
					12, 34, 560, "ok", 1, t0));
			ledger.artifacts(List.of(new ArtifactRecord(id, "app/main.py", 1200, "ab".repeat(32), 1, "template", "MIT", null),
					new ArtifactRecord(id, "tests/test_books.py", 800, "cd".repeat(32), 1, "model", null, null)));
			ledger.decision(new GuardDecisionRecord(id, 2, "dependency", "fastapi==0.142.0", "licence", "1.0.0", "allow",
					"MIT is on the allow list", t0));
			ledger.tests(List.of(new TestCaseRecord(id, "tests.test_books", "test_create", "passed", 12, null),
					new TestCaseRecord(id, "tests.test_books", "test_missing_404", "failed", 7, "assert 200 == 404")));
			ledger.environment(new EnvironmentRecord(id, "Linux 6.1", "17.0.15", "3.11.7", "20.20.2",
					Map.of("python3", "/usr/bin/python3"), List.of("PATH", "OPENAI_API_KEY"), "http://localhost/simple",
					"bubblewrap", "shadow:abc123", t0));
			ledger.dependencies(List.of(new DependencyRecord(id, "fastapi", "0.142.0", "pkg:pypi/fastapi@0.142.0", "MIT")));
			ledger.process(new dev.cairn.api.store.ProcessRecord(id, 2, "pip-install", "python -m pip install", 0, false,
					2100, 1800, 90L << 20, "bubblewrap", Instant.now()));
			ledger.process(new dev.cairn.api.store.ProcessRecord(id, 3, "tests", "python -m pytest", 1, true, 900, 700,
					120L << 20, "bubblewrap", Instant.now()));
			ledger.events(List.of(new EventRecord(id, t0, "INFO", "step.started", Map.of("role", "coding"))));
			ledger.spans(List.of(new SpanRecord("trace_" + id, "span_1", null, id, "agent", "coding", t0, t0.plusSeconds(1),
					Map.of("agent", "fastapi-coder"))));
			ledger.finish(id, "failed", 1, "2 of 3 tests failed", t0.plusSeconds(7));

			RunDetails d = ledger.details(id).orElseThrow();
			assertEquals("failed", d.run().status());
			assertEquals(1, d.run().exitCode());
			assertEquals(7000L, d.run().durationMillis());
			assertEquals("fastapi-crud", d.run().template().id());
			assertEquals(List.of("docs/spec.md"), d.run().inputs());
			assertEquals(3, d.steps().size(), "an upsert of step 1 does not add a row");
			assertEquals("succeeded", d.steps().get(0).status());
			assertEquals("fastapi-coder", d.steps().get(0).agent().id());
			assertEquals("retryable: package index timeout", d.steps().get(2).retryReason());
			assertEquals(2, d.tests().size());
			assertEquals("assert 200 == 404", d.tests().get(1).message());
			assertEquals(List.of("app/main.py", "tests/test_books.py"), d.artifacts().stream().map(ArtifactRecord::path).toList());
			assertEquals("allow", d.decisions().get(0).verdict());
			assertEquals(34, d.modelCalls().get(0).outputTokens());
			assertEquals("pkg:pypi/fastapi@0.142.0", d.dependencies().get(0).purl());
			assertEquals(List.of("pip-install", "tests"), d.processes().stream().map(p -> p.name()).toList());
			assertTrue(d.processes().get(1).timedOut());
			// the run's usage: times add up, memory is the largest single peak
			assertEquals(new RunDetails.Usage(2, 3000, 2500, 120L << 20), d.usage());
			assertEquals(List.of("PATH", "OPENAI_API_KEY"), d.environment().orElseThrow().envNames());
			assertEquals(1, d.events());
			assertEquals(1, d.spans());
		}
	}

	@Test
	void runsAreNewestFirstAndFilterByStatusAndStack() {
		try (SqliteLedger ledger = SqliteLedger.open(file(), NO_REDACTION)) {
			Instant t = Instant.parse("2026-11-01T10:00:00Z");
			List<String> ids = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				String id = dev.cairn.api.store.RunIds.next();
				ids.add(id);
				ledger.begin(Fixtures.run(id, "run " + i, i % 2 == 0 ? "fastapi" : "etl", t.plusSeconds(i)));
				try {
					Thread.sleep(2); // distinct ULID milliseconds
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
				if (i < 3) {
					ledger.finish(id, "succeeded", 0, null, t.plusSeconds(i + 10));
				}
			}
			List<RunRecord> latest = ledger.runs(RunQuery.latest(4));
			assertEquals(List.of(ids.get(5), ids.get(4), ids.get(3), ids.get(2)), latest.stream().map(RunRecord::id).toList());
			assertEquals(3, ledger.runs(new RunQuery("succeeded", null, 100)).size());
			assertEquals(List.of(ids.get(2), ids.get(0)),
					ledger.runs(new RunQuery("succeeded", "fastapi", 100)).stream().map(RunRecord::id).toList());
			assertEquals(3, ledger.runs(new RunQuery(null, "etl", 100)).size());
			assertTrue(ledger.details("01NOSUCHRUN0000000000000000").isEmpty());
		}
	}

	@Test
	void everyStoredTextPassesTheRedactionHook() throws Exception {
		String secret = "sk-test-0123456789abcdefSECRET";
		UnaryOperator<String> fake = text -> text.replace(secret, "[REDACTED]");
		try (SqliteLedger ledger = SqliteLedger.open(file(), fake)) {
			RunRecord run = Fixtures.run("use key " + secret + " for the API", "fastapi");
			ledger.begin(run);
			ledger.step(new StepRecord(run.id(), 1, "coding", null, "failed", 1, Instant.now(), null,
					"auth failed for " + secret, null));
			ledger.modelCall(new ModelCallRecord(run.id(), 1, "openai", "m", "Authorization: Bearer " + secret, "{}", 1, 1,
					1, "error", 0, Instant.now()));
			ledger.events(List.of(new EventRecord(run.id(), Instant.now(), "WARN", "model.retry", Map.of("header", secret))));
			ledger.tests(List.of(new TestCaseRecord(run.id(), "s", "t", "failed", 1, "env had " + secret)));
			ledger.spans(List.of(new SpanRecord("t", "s1", null, run.id(), "generation", "call", Instant.now(), null,
					Map.of("key", secret))));
			ledger.finish(run.id(), "failed", 4, "model said: bad key " + secret, Instant.now());
			assertEquals("use key [REDACTED] for the API", ledger.run(run.id()).orElseThrow().prompt());
		}
		// nothing in the file, including the WAL, holds the secret
		for (Path p : List.of(file(), dir.resolve("ledger.db-wal"))) {
			if (Files.exists(p)) {
				assertFalse(new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1).contains(secret),
						p + " contains the secret");
			}
		}
	}

	@Test
	void oldLedgerIsUpgradedInPlaceKeepingItsRuns() {
		RunRecord run = Fixtures.run("from an older Cairn", "fastapi");
		try (SqliteLedger v1 = SqliteLedger.open(file(), NO_REDACTION, 1)) {
			assertEquals("1", v1.pragma("user_version"));
			v1.begin(run);
		}
		try (SqliteLedger upgraded = SqliteLedger.open(file(), NO_REDACTION)) {
			assertEquals(String.valueOf(Migrations.LATEST), upgraded.pragma("user_version"));
			assertEquals("from an older Cairn", upgraded.run(run.id()).orElseThrow().prompt());
			upgraded.events(List.of(new EventRecord(run.id(), Instant.now(), "INFO", "upgraded", Map.of())));
			assertEquals(1, upgraded.details(run.id()).orElseThrow().events());
		}
	}

	@Test
	void ledgerFromANewerCairnIsRefusedAndLeftUntouched() throws Exception {
		try (SqliteLedger ledger = SqliteLedger.open(file(), NO_REDACTION); Statement s = ledger.statement()) {
			ledger.begin(Fixtures.run("written by the future", "fastapi"));
			s.execute("PRAGMA user_version = " + (Migrations.LATEST + 5));
			s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
		}
		byte[] before = Files.readAllBytes(file());
		CairnException e = assertThrows(CairnException.class, () -> SqliteLedger.open(file(), NO_REDACTION));
		assertEquals(ExitCode.ENVIRONMENT, e.exitCode());
		assertTrue(e.getMessage().contains("newer Cairn") && e.getMessage().contains("schema " + (Migrations.LATEST + 5)),
				e.getMessage());
		assertFalse(e.getMessage().contains("\n"), "one line");
		assertArrayEquals(before, Files.readAllBytes(file()), "the newer ledger is not modified");
	}

	@Test
	void concurrentWritersFromThreadsAndSeparateConnectionsLoseNothing() throws Exception {
		int writers = 4;
		int runsEach = 25;
		// two ledger objects on one file stand for two processes (two connections); two threads each
		try (SqliteLedger a = SqliteLedger.open(file(), NO_REDACTION); SqliteLedger b = SqliteLedger.open(file(), NO_REDACTION)) {
			ExecutorService pool = Executors.newFixedThreadPool(writers);
			List<Future<?>> done = new ArrayList<>();
			for (int w = 0; w < writers; w++) {
				SqliteLedger ledger = w % 2 == 0 ? a : b;
				done.add(pool.submit(() -> {
					for (int i = 0; i < runsEach; i++) {
						RunRecord run = Fixtures.run("concurrent", "fastapi");
						ledger.begin(run);
						ledger.events(List.of(new EventRecord(run.id(), Instant.now(), "INFO", "e", Map.of("i", i))));
						ledger.step(new StepRecord(run.id(), 1, "coding", null, "succeeded", 1, Instant.now(),
								Instant.now(), null, null));
						ledger.finish(run.id(), "succeeded", 0, null, Instant.now());
					}
					return null;
				}));
			}
			for (Future<?> f : done) {
				f.get(60, TimeUnit.SECONDS);
			}
			pool.shutdown();
			assertEquals(writers * runsEach, a.runs(new RunQuery("succeeded", null, 1000)).size());
			try (Statement s = b.statement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM events")) {
				rs.next();
				assertEquals(writers * runsEach, rs.getInt(1));
			}
			assertEquals("ok", a.integrityCheck());
		}
	}

	@Test
	void unknownRunCannotBeFinished() {
		try (SqliteLedger ledger = SqliteLedger.open(file(), NO_REDACTION)) {
			CairnException e = assertThrows(CairnException.class,
					() -> ledger.finish("01NOSUCHRUN0000000000000000", "failed", 1, null, Instant.now()));
			assertEquals(ExitCode.USAGE, e.exitCode());
		}
	}
}
