package dev.cairn.orchestrator.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.cairn.api.agent.RunContext;
import dev.cairn.api.log.EventLog;
import dev.cairn.api.process.ProcessExecutor;
import dev.cairn.api.registry.Pinned;
import dev.cairn.api.store.EventRecord;
import dev.cairn.api.store.Ledger;
import dev.cairn.api.template.StackTemplate;

/** The one context a run hands from agent to agent. */
final class RunContextImpl implements RunContext {
	private final String runId;
	private final long seed;
	private final String prompt;
	private final List<Path> inputs;
	private final Path workspace;
	private final Path runDirectory;
	private final EventLog events;
	private final Ledger ledger;
	private final Optional<String> requestedStack;
	private final List<Pinned<StackTemplate>> templates;
	private final Consumer<String> progress;
	private final String cairnVersion;
	private final ProcessExecutor processes;
	private final Map<String, Object> attributes = new ConcurrentHashMap<>();
	private final List<EventRecord> pending = new ArrayList<>();
	private volatile int step;
	private volatile RunModel model;
	private volatile String replayOf;
	private final java.util.concurrent.atomic.AtomicInteger spanCount = new java.util.concurrent.atomic.AtomicInteger();
	private volatile boolean cancelled;
	/** Claimed by whoever rolls the workspace back: the run's own thread or, on Ctrl-C, the shutdown hook. */
	final java.util.concurrent.atomic.AtomicBoolean rollbackClaimed = new java.util.concurrent.atomic.AtomicBoolean();
	/** Released when the run's own thread has recorded the end of the run. */
	final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);

	RunContextImpl(String runId, long seed, String prompt, List<Path> inputs, Path workspace, Path runDirectory,
			EventLog events, Ledger ledger, Optional<String> requestedStack, List<Pinned<StackTemplate>> templates,
			Consumer<String> progress, String cairnVersion, ProcessExecutor processes) {
		this.runId = runId;
		this.seed = seed;
		this.prompt = prompt;
		this.inputs = List.copyOf(inputs);
		this.workspace = workspace;
		this.runDirectory = runDirectory;
		this.events = events;
		this.ledger = ledger;
		this.requestedStack = requestedStack;
		this.templates = List.copyOf(templates);
		this.progress = progress;
		this.cairnVersion = cairnVersion;
		this.processes = new RunProcesses(processes, runId, workspace, runDirectory, ledger, () -> step, progress);
	}

	@Override
	public String runId() {
		return runId;
	}

	@Override
	public long seed() {
		return seed;
	}

	@Override
	public String prompt() {
		return prompt;
	}

	@Override
	public List<Path> inputs() {
		return inputs;
	}

	@Override
	public Path workspace() {
		return workspace;
	}

	@Override
	public Path runDirectory() {
		return runDirectory;
	}

	@Override
	public EventLog events() {
		return events;
	}

	@Override
	public Ledger ledger() {
		return ledger;
	}

	@Override
	public int step() {
		return step;
	}

	void step(int seq) {
		this.step = seq;
	}

	@Override
	public Optional<String> requestedStack() {
		return requestedStack;
	}

	@Override
	public List<Pinned<StackTemplate>> templates() {
		return templates;
	}

	@Override
	public ProcessExecutor processes() {
		return processes;
	}

	@Override
	public void progress(String message) {
		progress.accept(message);
		events.info("run.progress", "message", message);
		synchronized (pending) {
			pending.add(new EventRecord(runId, Instant.now(), "INFO", "progress", Map.of("message", message, "step", step)));
		}
	}

	/** Progress events since the last flush, written to the ledger in one batch. */
	void flushEvents() {
		List<EventRecord> batch;
		synchronized (pending) {
			batch = new ArrayList<>(pending);
			pending.clear();
		}
		ledger.events(batch);
	}

	@Override
	public String cairnVersion() {
		return cairnVersion;
	}

	@Override
	public <T> Optional<T> get(Key<T> key) {
		return Optional.ofNullable(attributes.get(key.name())).map(key.type()::cast);
	}

	@Override
	public <T> void put(Key<T> key, T value) {
		attributes.put(key.name(), key.type().cast(value));
	}

	void model(RunModel model, String replayOf) {
		this.model = model;
		this.replayOf = replayOf;
	}

	RunModel runModel() {
		return model;
	}

	@Override
	public Optional<dev.cairn.api.model.ModelSession> model() {
		return Optional.ofNullable(model);
	}

	@Override
	public Optional<String> replayOf() {
		return Optional.ofNullable(replayOf);
	}

	@Override
	public void span(String type, String name, Instant start, Map<String, ?> attributes) {
		// children of the current step's agent span (whose id the orchestrator derives the same way)
		String parent = "span_" + runId + "_" + step;
		ledger.spans(List.of(new dev.cairn.api.store.SpanRecord("trace_" + runId, parent + "_" + spanCount.incrementAndGet(),
				parent, runId, type, name, start, Instant.now(), attributes)));
	}

	@Override
	public boolean cancelled() {
		return cancelled || Thread.currentThread().isInterrupted();
	}

	void cancel() {
		cancelled = true;
	}
}
