package dev.cairn.itest;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.cairn.api.store.ArtifactRecord;
import dev.cairn.api.store.DependencyRecord;
import dev.cairn.api.store.EnvironmentRecord;
import dev.cairn.api.store.EventRecord;
import dev.cairn.api.store.GuardDecisionRecord;
import dev.cairn.api.store.Ledger;
import dev.cairn.api.store.ModelCallRecord;
import dev.cairn.api.store.RunDetails;
import dev.cairn.api.store.RunQuery;
import dev.cairn.api.store.RunRecord;
import dev.cairn.api.store.RunStore;
import dev.cairn.api.store.SpanRecord;
import dev.cairn.api.store.StepRecord;
import dev.cairn.api.store.TestCaseRecord;

/**
 * A second run store backend (store.kind=memory) for the swap tests: keeps runs in memory, one ledger for all
 * homes, the way a shared backend would.
 */
final class MemoryRunStore implements RunStore, Ledger {
	private final Map<String, RunRecord> runs = new ConcurrentHashMap<>();

	MemoryRunStore(String... runIds) {
		for (String id : runIds) {
			runs.put(id, new RunRecord(id, "kept in memory", List.of(), "succeeded", 0, "memory", null, "none", null, 1,
					"0.1.0", null, null, null, Instant.parse("2026-01-01T00:00:00Z"),
					Instant.parse("2026-01-01T00:00:01Z"), null));
		}
	}

	@Override
	public Ledger ledger(Path home) {
		return this;
	}

	@Override
	public void begin(RunRecord run) {
		runs.put(run.id(), run);
	}

	@Override
	public void snapshots(String runId, String before, String after) {
	}

	@Override
	public Optional<dev.cairn.api.store.WorkspaceState> workspaceState(String runId) {
		return Optional.empty();
	}

	@Override
	public void chosen(String runId, String stack, dev.cairn.api.store.PluginRef template) {
	}

	@Override
	public void finish(String runId, String status, int exitCode, String error, Instant endedAt) {
		runs.computeIfPresent(runId, (id, r) -> new RunRecord(id, r.prompt(), r.inputs(), status, exitCode, r.stack(),
				r.template(), r.modelProvider(), r.model(), r.seed(), r.cairnVersion(), r.home(), r.workspace(),
				r.runDirectory(), r.startedAt(), endedAt, error));
	}

	@Override
	public Optional<RunRecord> run(String runId) {
		return Optional.ofNullable(runs.get(runId));
	}

	@Override
	public List<RunRecord> runs(RunQuery query) {
		return runs.values().stream().filter(r -> query.status() == null || query.status().equals(r.status()))
				.filter(r -> query.stack() == null || query.stack().equals(r.stack()))
				.sorted((a, b) -> b.id().compareTo(a.id())).limit(query.limit()).toList();
	}

	@Override
	public Optional<RunDetails> details(String runId) {
		return run(runId).map(r -> new RunDetails(r, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
				Optional.empty(), List.of(), 0, 0));
	}

	@Override
	public List<String> markInterrupted() {
		return List.of();
	}

	// the swap tests only read; the remaining writes are accepted and dropped
	@Override
	public void step(StepRecord step) {
	}

	@Override
	public void modelCall(ModelCallRecord call) {
	}

	@Override
	public void process(dev.cairn.api.store.ProcessRecord process) {
	}

	@Override
	public void artifacts(List<ArtifactRecord> artifacts) {
	}

	@Override
	public void decision(GuardDecisionRecord decision) {
	}

	@Override
	public void tests(List<TestCaseRecord> tests) {
	}

	@Override
	public void environment(EnvironmentRecord environment) {
	}

	@Override
	public void dependencies(List<DependencyRecord> dependencies) {
	}

	private final List<EventRecord> events = new java.util.concurrent.CopyOnWriteArrayList<>();

	@Override
	public void events(List<EventRecord> more) {
		events.addAll(more);
	}

	@Override
	@SuppressWarnings("unchecked")
	public java.util.Optional<java.util.Map<String, Object>> eventFields(String runId, String name) {
		return events.stream().filter(e -> e.runId().equals(runId) && e.name().equals(name)).findFirst()
				.map(e -> (java.util.Map<String, Object>) e.fields());
	}

	@Override
	public void spans(List<SpanRecord> spans) {
	}
}
