package dev.cairn.store.sqlite.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.cairn.api.store.ArtifactRecord;
import dev.cairn.api.store.DependencyRecord;
import dev.cairn.api.store.EnvironmentRecord;
import dev.cairn.api.store.EventRecord;
import dev.cairn.api.store.RunIds;
import dev.cairn.api.store.RunQuery;
import dev.cairn.api.store.RunRecord;
import dev.cairn.api.store.SpanRecord;
import dev.cairn.api.store.StepRecord;
import dev.cairn.api.store.TestCaseRecord;

/**
 * Ledger benchmark (run with bench/ledger.sh): event ingest rate, listing runs in a 10,000-run ledger, showing a run
 * with 1,000 artifacts, and the ledger's size per typical run. Prints figures; asserts nothing.
 */
public final class LedgerBenchmark {
	public static void main(String[] args) throws Exception {
		Path dir = Files.createTempDirectory("cairn-ledger-bench");
		UnaryOperator<String> passThrough = UnaryOperator.identity();

		try (SqliteLedger ledger = SqliteLedger.open(dir.resolve("ingest.db"), passThrough)) {
			RunRecord run = Fixtures.run("ingest", "fastapi");
			ledger.begin(run);
			int batch = 1000;
			int total = 200_000;
			List<EventRecord> events = new ArrayList<>(batch);
			ingest(ledger, run.id(), events, batch, 20_000); // warm-up
			long t0 = System.nanoTime();
			ingest(ledger, run.id(), events, batch, total);
			double seconds = (System.nanoTime() - t0) / 1e9;
			System.out.printf("event ingest: %,d events in batches of %d in %.2f s = %,.0f events/s%n", total, batch,
					seconds, total / seconds);
		}

		Path many = dir.resolve("many.db");
		try (SqliteLedger ledger = SqliteLedger.open(many, passThrough)) {
			Instant start = Instant.parse("2026-01-01T00:00:00Z");
			List<String> ids = new ArrayList<>();
			for (int i = 0; i < 10_000; i++) {
				RunRecord r = Fixtures.run(RunIds.next(), "run " + i, i % 4 == 0 ? "etl" : "fastapi", start.plusSeconds(i));
				ledger.begin(r);
				ledger.finish(r.id(), i % 10 == 0 ? "failed" : "succeeded", i % 10 == 0 ? 1 : 0, null,
						start.plusSeconds(i + 20));
				ids.add(r.id());
			}
			System.out.printf("agent:runs over 10,000 runs: newest 20 median %.2f ms; --status failed --stack etl "
					+ "median %.2f ms; --limit 1000 median %.2f ms%n",
					median(() -> ledger.runs(RunQuery.latest(20))),
					median(() -> ledger.runs(new RunQuery("failed", "etl", 20))),
					median(() -> ledger.runs(RunQuery.latest(1000))));

			String big = ids.get(ids.size() / 2);
			List<ArtifactRecord> artifacts = new ArrayList<>();
			for (int i = 0; i < 1000; i++) {
				artifacts.add(new ArtifactRecord(big, "src/module_" + i + ".py", 1000 + i, "%064x".formatted(i), 2,
						"template", "MIT", null));
			}
			ledger.artifacts(artifacts);
			System.out.printf("agent:show of a run with 1,000 artifacts: median %.2f ms%n",
					median(() -> ledger.details(big)));

			// what Cairn adds to every model call: the call record (a ~20 KB request and a ~4 KB answer) and its span
			String request = "{\"input\":\"" + "x".repeat(20_000) + "\"}";
			String answer = "{\"text\":\"" + "y".repeat(4_000) + "\"}";
			java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
			System.out.printf("model call record + generation span (20 KB request, 4 KB answer): median %.2f ms%n",
					median(() -> {
						java.time.Instant at = java.time.Instant.now();
						ledger.modelCall(new dev.cairn.api.store.ModelCallRecord(big, 2, "openai", "m", request, answer, 5000,
								1000, 800, "ok", 0, at));
						ledger.spans(List.of(new dev.cairn.api.store.SpanRecord("trace_" + big, "span_bench_" + n.incrementAndGet(),
								null, big, "generation", "coding.refine", at, at, java.util.Map.of("model", "m", "usage",
										java.util.Map.of("input_tokens", 5000, "output_tokens", 1000)))));
					}));
		}

		Path typical = dir.resolve("typical.db");
		int runs = 200;
		try (SqliteLedger ledger = SqliteLedger.open(typical, passThrough)) {
			for (int i = 0; i < runs; i++) {
				typicalRun(ledger);
			}
			ledger.connection().createStatement().execute("PRAGMA wal_checkpoint(TRUNCATE)");
		}
		System.out.printf("ledger size per typical run (4 steps, 20 artifacts, 12 tests, 250 events, 12 spans, "
				+ "25 dependencies, environment): %.1f KB%n", Files.size(typical) / 1024.0 / runs);
	}

	private static void ingest(SqliteLedger ledger, String runId, List<EventRecord> events, int batch, int total) {
		Instant now = Instant.now();
		for (int i = 0; i < total; i++) {
			events.add(new EventRecord(runId, now, "INFO", "test.progress", Map.of("done", i, "total", total)));
			if (events.size() == batch) {
				ledger.events(events);
				events.clear();
			}
		}
		ledger.events(events);
		events.clear();
	}

	private static void typicalRun(SqliteLedger ledger) {
		RunRecord run = Fixtures.run("A FastAPI CRUD service for books with title, author and year", "fastapi");
		String id = run.id();
		Instant t = run.startedAt();
		ledger.begin(run);
		String[] roles = { "requirements", "coding", "testing", "documentation" };
		for (int s = 0; s < roles.length; s++) {
			ledger.step(new StepRecord(id, s + 1, roles[s], null, "succeeded", 1, t, t.plusSeconds(2), null, null));
		}
		List<ArtifactRecord> artifacts = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			artifacts.add(new ArtifactRecord(id, "app/file_" + i + ".py", 2000, "%064x".formatted(i), 2, "template", "MIT", null));
		}
		ledger.artifacts(artifacts);
		List<TestCaseRecord> tests = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			tests.add(new TestCaseRecord(id, "tests.test_books", "test_case_" + i, "passed", 15, null));
		}
		ledger.tests(tests);
		List<EventRecord> events = new ArrayList<>();
		for (int i = 0; i < 250; i++) {
			events.add(new EventRecord(id, t, "INFO", "progress", Map.of("step", "testing", "done", i)));
		}
		ledger.events(events);
		List<SpanRecord> spans = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			spans.add(new SpanRecord("trace_" + id, id + "_" + i, i == 0 ? null : id + "_0", id, i < 5 ? "agent" : "function",
					"span " + i, t, t.plusMillis(300), Map.of("i", i)));
		}
		ledger.spans(spans);
		List<DependencyRecord> deps = new ArrayList<>();
		for (int i = 0; i < 25; i++) {
			deps.add(new DependencyRecord(id, "package-" + i, "1." + i + ".0", "pkg:pypi/package-" + i + "@1." + i + ".0", "MIT"));
		}
		ledger.dependencies(deps);
		ledger.environment(new EnvironmentRecord(id, "Linux 6.1", "17.0.15", "3.11.7", "20.20.2",
				Map.of("python3", "/usr/bin/python3", "node", "/usr/bin/node"), List.of("PATH", "HOME"), "local", "none",
				"shadow:abc", t));
		ledger.finish(id, "succeeded", 0, null, t.plusSeconds(25));
	}

	private static double median(Runnable work) {
		for (int i = 0; i < 5; i++) {
			work.run();
		}
		double[] ms = new double[21];
		for (int i = 0; i < ms.length; i++) {
			long t0 = System.nanoTime();
			work.run();
			ms[i] = (System.nanoTime() - t0) / 1e6;
		}
		Arrays.sort(ms);
		return ms[ms.length / 2];
	}

	private LedgerBenchmark() {
	}
}
