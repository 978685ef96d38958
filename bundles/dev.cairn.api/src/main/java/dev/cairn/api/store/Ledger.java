package dev.cairn.api.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One run ledger: every run, step, model call, artifact, guard decision, test case, environment, dependency, event
 * and trace span. Every text passes the active {@link dev.cairn.api.guard.Redactor} before it is stored. Safe for
 * concurrent use from several threads and several processes.
 */
@ProviderType
public interface Ledger {
	/** Records a new run with status {@code running}, owned by the calling process. */
	void begin(RunRecord run);

	/** Records the stack and template a run chose (after stack selection). */
	void chosen(String runId, String stack, PluginRef template);

	/** Records the workspace snapshots taken before and (on success) after a run. */
	void snapshots(String runId, String before, String after);

	/** The snapshots recorded for a run. */
	Optional<WorkspaceState> workspaceState(String runId);

	/** Records how a run ended. */
	void finish(String runId, String status, int exitCode, String error, Instant endedAt);

	/** Inserts or replaces one step (one agent attempt), keyed by run and sequence number. */
	void step(StepRecord step);

	void modelCall(ModelCallRecord call);

	/** Inserts or replaces artifacts, keyed by run and path. */
	void artifacts(List<ArtifactRecord> artifacts);

	void decision(GuardDecisionRecord decision);

	void tests(List<TestCaseRecord> tests);

	void environment(EnvironmentRecord environment);

	void dependencies(List<DependencyRecord> dependencies);

	/** Records one subprocess and the resources it used. */
	void process(ProcessRecord process);

	/** Appends events in one transaction; the fast path for progress streams. */
	void events(List<EventRecord> events);

	void spans(List<SpanRecord> spans);

	/** The fields of a run's first event called {@code name}, e.g. the model settings a run recorded. */
	Optional<java.util.Map<String, Object>> eventFields(String runId, String name);

	/** One run. */
	Optional<RunRecord> run(String runId);

	/** Runs matching {@code query}, newest first. */
	List<RunRecord> runs(RunQuery query);

	/** A run with everything recorded about it. */
	Optional<RunDetails> details(String runId);

	/** Runs left {@code running} by a process that no longer exists are marked interrupted; returns their ids. */
	List<String> markInterrupted();
}
