package dev.cairn.orchestrator.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dev.cairn.api.CairnException;
import dev.cairn.api.ExitCode;
import dev.cairn.api.agent.Agent;
import dev.cairn.api.agent.AgentRole;
import dev.cairn.api.agent.Keys;
import dev.cairn.api.agent.RetryableException;
import dev.cairn.api.config.Settings;
import dev.cairn.api.log.EventLog;
import dev.cairn.api.process.ProcessExecutor;
import dev.cairn.api.registry.Pinned;
import dev.cairn.api.registry.PluginInfo;
import dev.cairn.api.registry.PluginRegistry;
import dev.cairn.api.run.RunOutcome;
import dev.cairn.api.run.RunRequest;
import dev.cairn.api.run.RunService;
import dev.cairn.api.store.Ledger;
import dev.cairn.api.store.PluginRef;
import dev.cairn.api.store.RunDetails;
import dev.cairn.api.store.RunIds;
import dev.cairn.api.store.RunRecord;
import dev.cairn.api.store.RunStore;
import dev.cairn.api.store.SpanRecord;
import dev.cairn.api.store.StepRecord;
import dev.cairn.api.template.StackTemplate;
import dev.cairn.api.workspace.Snapshot;
import dev.cairn.api.workspace.WorkspaceSnapshots;

/**
 * Runs Requirements, Coding, Testing and Documentation over one context. At the start it pins the agent for each
 * role and the preferred version of every template, so a hot swap affects the next run, never this one. Each
 * step runs on its own thread under the remaining budget; only {@link RetryableException}s are retried, with
 * exponential backoff and seeded jitter, and every attempt is a step record with its reason.
 */
@Component
public final class RunOrchestrator implements RunService {
	static final int MAX_PROMPT = 20_000;
	static final long MAX_INPUT_BYTES = 20L * 1024 * 1024;
	static final int MAX_ATTEMPTS = 3;
	static final List<AgentRole> ORDER = List.of(AgentRole.REQUIREMENTS, AgentRole.CODING, AgentRole.TESTING,
			AgentRole.DOCUMENTATION);

	private final PluginRegistry registry;
	private final Settings settings;
	private final EventLog log;
	private final BundleContext context;
	private final ProcessExecutor processes;

	@Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
	private volatile RunStore store;

	@Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
			policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
	private volatile WorkspaceSnapshots snapshots;

	@Activate
	public RunOrchestrator(@Reference(name = "registry") PluginRegistry registry,
			@Reference(name = "settings") Settings settings, @Reference(name = "log") EventLog log,
			@Reference(name = "processes") ProcessExecutor processes, BundleContext context) {
		this.registry = registry;
		this.processes = processes;
		this.settings = settings;
		this.log = log;
		this.context = context;
	}

	@Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
			policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
	private volatile dev.cairn.api.guard.Redactor redactor;

	String redact(String text) {
		dev.cairn.api.guard.Redactor r = redactor;
		return r == null || text == null ? text : r.redact(text);
	}

	// keyed by ServiceReference: its natural order is by ranking, so the last match of a name wins
	private final java.util.concurrent.ConcurrentSkipListMap<org.osgi.framework.ServiceReference<dev.cairn.api.guard.GuardPolicy>, dev.cairn.api.guard.GuardPolicy> policies = new java.util.concurrent.ConcurrentSkipListMap<>();

	@Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.MULTIPLE,
			policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
	void addPolicy(org.osgi.framework.ServiceReference<dev.cairn.api.guard.GuardPolicy> ref,
			dev.cairn.api.guard.GuardPolicy policy) {
		policies.put(ref, policy);
	}

	void removePolicy(org.osgi.framework.ServiceReference<dev.cairn.api.guard.GuardPolicy> ref) {
		policies.remove(ref);
	}

	/**
	 * The policy named by the {@code policy} setting (default {@code permissive}), pinned for the whole run; null
	 * when no policy is installed at all; exit 2 when the named one is not installed.
	 */
	Map.Entry<String, dev.cairn.api.guard.GuardPolicy> activePolicy() {
		if (policies.isEmpty()) {
			return null;
		}
		String name = settings.get("policy").map(Settings.Value::value).orElse("permissive").trim();
		List<String> names = new ArrayList<>();
		Map.Entry<String, dev.cairn.api.guard.GuardPolicy> found = null;
		for (var e : policies.entrySet()) {
			String n = String.valueOf(e.getKey().getProperty(dev.cairn.api.ServiceProperties.GUARD_POLICY));
			names.add(n);
			if (n.equals(name)) {
				found = Map.entry(n, e.getValue());
			}
		}
		if (found == null) {
			throw CairnException.usage("guard policy '" + name + "' is not installed; available: "
					+ String.join(", ", new java.util.TreeSet<>(names)) + " (set it with ./agent policy <name>)");
		}
		return found;
	}

	/** Checks what can be checked before anything is recorded or written; bad input is exit 2. */
	void validate(RunRequest r) {
		if (r.prompt() == null || r.prompt().isBlank()) {
			throw CairnException.usage("the prompt is empty; say what to build, e.g. ./agent run \"a FastAPI CRUD service for books with title, author and year\"");
		}
		if (r.prompt().length() > MAX_PROMPT) {
			throw CairnException.usage("the prompt has " + r.prompt().length() + " characters; at most " + MAX_PROMPT
					+ " are accepted (put long material in a file and pass it with --input)");
		}
		for (int i = 0; i < r.prompt().length(); i++) {
			char c = r.prompt().charAt(i);
			if (Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r') {
				throw CairnException.usage("the prompt contains a control character (U+" + String.format("%04X", (int) c)
						+ ") at position " + (i + 1) + "; remove it");
			}
		}
		for (Path input : r.inputs()) {
			if (!Files.isRegularFile(input) || !Files.isReadable(input)) {
				throw CairnException.usage("input document " + input + " is not a readable file (devices, folders and "
						+ "unreadable files are refused)");
			}
			try {
				if (Files.size(input) > MAX_INPUT_BYTES) {
					throw CairnException.usage("input document " + input + " has " + Files.size(input) + " bytes; at most "
							+ MAX_INPUT_BYTES + " are accepted");
				}
				// strict UTF-8: a binary or mis-encoded file is named here, not half-read later
				java.nio.charset.StandardCharsets.UTF_8.newDecoder()
						.onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
						.decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(input)));
			} catch (java.nio.charset.CharacterCodingException e) {
				throw CairnException.usage("input document " + input + " is not UTF-8 text (convert it, e.g. iconv -t UTF-8)");
			} catch (java.io.IOException e) {
				throw CairnException.usage("input document " + input + " cannot be read: " + e.getMessage());
			}
		}
		if (r.budget() == null || r.budget().isNegative() || r.budget().isZero()) {
			throw CairnException.usage("the budget must be a positive duration such as 10m or 90s");
		}
		String model = r.model() == null ? "none" : r.model();
		if (!model.matches("[a-z][a-z0-9-]*")) {
			throw CairnException.usage("--model must be none or a model provider id such as openai, not '" + model + "'");
		}
		if (!model.equals("none") && r.replayOf() == null) {
			try {
				if (context.getServiceReferences(dev.cairn.api.model.ModelProvider.class,
						"(model.provider=" + model + ")").isEmpty()) {
					throw new CairnException(ExitCode.MODEL, "model provider '" + model
							+ "' is not installed or not configured; run with --model none (the default) or configure it in configs/");
				}
			} catch (org.osgi.framework.InvalidSyntaxException e) {
				throw CairnException.usage("--model: " + e.getMessage());
			}
		}
	}

	@Override
	public RunOutcome run(RunRequest request, Consumer<String> console) {
		// everything a run shows the user passes the redaction hook, like everything it stores
		Consumer<String> progress = line -> console.accept(redact(line));
		validate(request);
		RunStore runStore = store;
		if (runStore == null) {
			throw new CairnException(ExitCode.ENVIRONMENT, "no run ledger is available (no run store backend is active)");
		}
		Path home = request.home() != null ? request.home().toAbsolutePath().normalize() : settings.home(null);
		Ledger ledger = runStore.ledger(home);

		// pin everything the run will use, now
		Map<AgentRole, Pinned<Agent>> agents = new java.util.EnumMap<>(AgentRole.class);
		for (AgentRole role : ORDER) {
			agents.put(role, registry.agent(role).orElseThrow(() -> new CairnException(ExitCode.ENVIRONMENT,
					"no " + role.id() + " agent is installed (see ./agent agents)")));
		}
		List<Pinned<StackTemplate>> templates = registry.selectableTemplates();
		Map.Entry<String, dev.cairn.api.guard.GuardPolicy> policy = activePolicy();

		String model = request.model() == null ? "none" : request.model();
		ReplayEndpoint replay = null;
		dev.cairn.api.model.ModelEndpoint endpoint = null;
		if (request.replayOf() != null) {
			replay = replayEndpoint(ledger, request.replayOf());
			endpoint = replay;
			model = replay == null ? "none" : replay.settings().provider();
		} else if (!model.equals("none")) {
			endpoint = openModel(model);
		}

		String runId = RunIds.next();
		long started = System.nanoTime();
		Instant startedAt = Instant.now();
		Path runDir = home.resolve("runs").resolve(runId);
		Path workspace = request.workspace() != null ? request.workspace().toAbsolutePath().normalize()
				: runDir.resolve("project");
		String cairnVersion = Optional.ofNullable(context.getProperty("cairn.version"))
				.orElse(context.getBundle().getVersion().toString());
		ledger.begin(new RunRecord(runId, request.prompt(), request.inputs().stream().map(Path::toString).toList(),
				"running", null, request.stack(), null, model, endpoint == null ? null : endpoint.settings().model(),
				request.seed(), cairnVersion, home.toString(),
				workspace.toString(), runDir.toString(), startedAt, null, null));
		EventLog runLog = log.forRun(runId);
		runLog.info("run.started", "workspace", workspace.toString(), "seed", request.seed());
		RunContextImpl ctx = new RunContextImpl(runId, request.seed(), request.prompt(), request.inputs(), workspace,
				runDir, runLog, ledger, Optional.ofNullable(request.stack()), templates, progress, cairnVersion, processes);
		progress.accept("run " + runId + " (seed " + request.seed() + ", budget " + human(request.budget()) + ")");
		RunModel runModel = null;
		if (endpoint != null) {
			runModel = new RunModel(ctx, endpoint, replay != null);
			ctx.model(runModel, request.replayOf());
			dev.cairn.api.model.ModelSettings ms = endpoint.settings();
			// the settings (never the key) are kept with the run: a replay offers the same tools
			ledger.events(List.of(new dev.cairn.api.store.EventRecord(runId, Instant.now(), "INFO", "model.settings",
					ModelSettingsCodec.toMap(ms))));
			progress.accept(replay != null
					? "model: replaying " + replay.recorded() + " recorded calls of run " + request.replayOf() + " (no network)"
					: "model: " + ms.provider() + " " + ms.model() + " at " + ms.baseUrl() + (ms.tokenBudget() > 0
							? ", token budget " + ms.tokenBudget() : "") + ", code interpreter " + ms.codeInterpreter());
		} else if (request.replayOf() != null) {
			ctx.model(null, request.replayOf());
			progress.accept("replaying run " + request.replayOf() + " (a deterministic run: no model calls)");
		}
		if (policy != null) {
			ctx.put(Keys.POLICY, policy.getValue());
			progress.accept("guard policy: " + policy.getKey() + " " + policy.getValue().version());
		} else {
			progress.accept("guard policy: none installed (nothing is checked)");
		}
		WorkspaceSnapshots snapshotter = snapshots;
		if (snapshotter != null) {
			try {
				Snapshot snapshot = snapshotter.take(runId, workspace);
				ctx.put(Keys.SNAPSHOT, snapshot);
				// recorded now, so a run killed mid-way can still be undone with agent:rollback
				ledger.snapshots(runId, snapshot.ref(), null);
				progress.accept("snapshot of " + workspace + ": " + (snapshot.ref().equals("absent")
						? "not there yet (a failed run removes it)" : snapshot.ref().substring(0, 12)));
			} catch (IOException e) {
				ledger.finish(runId, "failed", ExitCode.ENVIRONMENT.code(), "snapshot failed: " + e.getMessage(), Instant.now());
				throw new CairnException(ExitCode.ENVIRONMENT, "cannot snapshot the workspace " + workspace
						+ " before the run, so nothing was written: " + e.getMessage());
			}
		} else {
			runLog.warn("run.no.snapshots", "message", "no workspace snapshot service: a failed run cannot be rolled back");
		}

		List<RunOutcome.Step> steps = new ArrayList<>();
		List<SpanRecord> spans = new ArrayList<>();
		String traceId = "trace_" + runId;
		String rootSpan = "span_" + runId + "_run";
		ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
			Thread t = new Thread(r, "cairn-run-" + runId);
			t.setDaemon(true);
			return t;
		});
		Thread hook = new Thread(() -> interrupted(ledger, ctx, worker, snapshotter, runDir), "cairn-run-interrupt-" + runId);
		Runtime.getRuntime().addShutdownHook(hook);
		CairnException failure = null;
		int seq = 0;
		try {
			for (AgentRole role : ORDER) {
				Pinned<Agent> agent = agents.get(role);
				PluginRef agentRef = ref(agent.info());
				long stepStart = System.nanoTime();
				int attempt = 0;
				String retryReason = null;
				String status;
				while (true) {
					attempt++;
					seq++;
					ctx.step(seq);
					Instant stepAt = Instant.now();
					ledger.step(new StepRecord(runId, seq, role.id(), agentRef, "running", attempt, stepAt, null, null,
							retryReason));
					progress.accept("[" + role.id() + "] " + agent.info().id() + " " + agent.info().version()
							+ (attempt > 1 ? " (attempt " + attempt + ")" : ""));
					try {
						Duration left = request.budget().minusNanos(System.nanoTime() - started);
						if (left.isNegative() || left.isZero()) {
							throw new TimeoutException();
						}
						Future<?> f = worker.submit(() -> {
							agent.service().execute(ctx);
							return null;
						});
						try {
							f.get(left.toMillis(), TimeUnit.MILLISECONDS);
						} catch (TimeoutException | InterruptedException e) {
							f.cancel(true);
							throw e;
						}
						status = "succeeded";
						ledger.step(new StepRecord(runId, seq, role.id(), agentRef, status, attempt, stepAt, Instant.now(),
								null, retryReason));
						spans.add(span(traceId, rootSpan, runId, seq, role, agent.info(), stepAt, null));
						break;
					} catch (ExecutionException e) {
						Throwable cause = e.getCause();
						if (ctx.cancelled() || cause instanceof InterruptedException) {
							// Ctrl-C: the step was stopped, it did not fail
							throw new InterruptedException("interrupted during " + role.id());
						}
						if (cause instanceof RetryableException retry && attempt < MAX_ATTEMPTS) {
							// this attempt keeps the reason it was started with; the next one is started because of this failure
							ledger.step(new StepRecord(runId, seq, role.id(), agentRef, "failed", attempt, stepAt,
									Instant.now(), retry.getMessage(), retryReason));
							retryReason = "retryable: " + retry.getMessage();
							long backoff = backoff(request.seed(), attempt);
							progress.accept("[" + role.id() + "] retrying in " + backoff + " ms: " + retry.getMessage());
							Thread.sleep(backoff);
							continue;
						}
						CairnException ce = cause instanceof CairnException c ? c
								: new CairnException(cause instanceof RetryableException ? ExitCode.ENVIRONMENT : ExitCode.INTERNAL,
										role.id() + " agent failed: " + cause, cause);
						if (!(cause instanceof CairnException)) {
							runLog.error("run.step.crashed", "role", role.id(), "exception", String.valueOf(cause),
									"stack", stack(cause));
						}
						ledger.step(new StepRecord(runId, seq, role.id(), agentRef, "failed", attempt, stepAt, Instant.now(),
								ce.getMessage(), retryReason));
						spans.add(span(traceId, rootSpan, runId, seq, role, agent.info(), stepAt, ce.getMessage()));
						throw ce;
					}
				}
				long ms = (System.nanoTime() - stepStart) / 1_000_000;
				steps.add(new RunOutcome.Step(role.id(), plugin(agent.info()), status, attempt, ms));
				progress.accept("[" + role.id() + "] done in " + seconds(ms));
				ctx.flushEvents();
				if (role == AgentRole.REQUIREMENTS) {
					ctx.get(Keys.TEMPLATE).ifPresent(t -> ledger.chosen(runId, t.info().role(), ref(t.info())));
				}
			}
		} catch (CairnException e) {
			failure = e;
		} catch (TimeoutException e) {
			failure = new CairnException(ExitCode.BUDGET, "the run's budget of " + human(request.budget())
					+ " ran out during step " + seq + "; raise it with --budget");
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			failure = new CairnException(ExitCode.INTERRUPTED, "interrupted");
		} finally {
			worker.shutdownNow();
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
			} catch (IllegalStateException shuttingDown) {
				// the hook is running: it records the interruption itself
			}
		}
		if (failure != null && steps.size() < seq) {
			// the failed role's step summary
			AgentRole role = ORDER.get(Math.min(steps.size(), ORDER.size() - 1));
			steps.add(new RunOutcome.Step(role.id(), plugin(agents.get(role).info()),
					failure.exitCode() == ExitCode.INTERRUPTED ? "interrupted" : "failed", 1, 0));
		}
		RunOutcome.Rollback rollback = null;
		Optional<Snapshot> before = ctx.get(Keys.SNAPSHOT);
		if (failure != null && before.isPresent() && snapshotter != null && ctx.rollbackClaimed.compareAndSet(false, true)) {
			rollback = rollBack(snapshotter, before.get(), runDir, progress, runLog);
			ledger.snapshots(runId, before.get().ref(), null);
		} else if (failure == null && before.isPresent() && snapshotter != null) {
			// the state the run left, so agent:rollback can tell whether the user changed anything since
			try {
				ledger.snapshots(runId, before.get().ref(), snapshotter.take(runId, workspace).ref());
			} catch (IOException e) {
				runLog.warn("run.snapshot.after.failed", "message", "no after-run snapshot: " + e.getMessage());
				ledger.snapshots(runId, before.get().ref(), null);
			}
		}
		RunOutcome.Replay replayed = null;
		if (request.replayOf() != null) {
			replayed = compare(ledger, request.replayOf(), runId, replay, failure);
			progress.accept(replayed.identical()
					? "replay: identical to run " + request.replayOf() + " (" + replayed.calls() + " model calls served, "
							+ replayed.artifacts() + " artifacts with the same SHA-256)"
					: "replay: differs from run " + request.replayOf() + ": " + replayed.firstDivergence());
			if (failure == null && !replayed.identical()) {
				failure = new CairnException(ExitCode.DIVERGED, "replay diverged: " + replayed.firstDivergence());
			}
		}
		if (runModel != null) {
			runModel.close();
		}
		long durationMs = (System.nanoTime() - started) / 1_000_000;
		String status = failure == null ? "succeeded"
				: switch (failure.exitCode()) {
					case INTERRUPTED -> "interrupted";
					case BUDGET -> "budget_exceeded";
					case BLOCKED -> "blocked";
					case DIVERGED -> "diverged";
					default -> "failed";
				};
		int exitCode = failure == null ? 0 : failure.exitCode().code();
		spans.add(new SpanRecord(traceId, rootSpan, null, runId, "custom", "run", startedAt, Instant.now(),
				Map.of("status", status, "exit_code", exitCode)));
		try {
			ctx.flushEvents();
			ledger.spans(spans);
			ledger.finish(runId, status, exitCode, failure == null ? null : failure.getMessage(), Instant.now());
		} catch (RuntimeException e) {
			runLog.error("run.ledger.failed", "message", "could not record the end of run " + runId + ": " + e.getMessage());
		}
		runLog.info("run.finished", "status", status, "exit_code", exitCode, "duration_ms", durationMs);
		ctx.ended.countDown();
		Pinned<StackTemplate> template = ctx.get(Keys.TEMPLATE).orElse(null);
		Keys.TestTotals tests = ctx.get(Keys.TESTS).orElse(new Keys.TestTotals(0, 0, 0));
		return new RunOutcome(runId, status, exitCode, template == null ? request.stack() : template.info().role(),
				template == null ? null : plugin(template.info()),
				runModel == null ? new RunOutcome.Model(model, null)
						: new RunOutcome.Model(model, runModel.settings().model(), runModel.calls(), runModel.inputTokens(),
								runModel.outputTokens()),
				workspace.toString(), ctx.get(Keys.DIST).map(Path::toString).orElse(null),
				home.resolve("ledger.db").toString(), durationMs, steps,
				new RunOutcome.Tests(tests.passed(), tests.failed(), tests.skipped()),
				failure == null ? null : new RunOutcome.Error(exitCode, redact(failure.getMessage())), rollback, replayed);
	}

	/** Opens the pinned provider's endpoint: its configuration now is what this run keeps. */
	private dev.cairn.api.model.ModelEndpoint openModel(String provider) {
		try {
			var refs = context.getServiceReferences(dev.cairn.api.model.ModelProvider.class,
					"(model.provider=" + provider + ")");
			var ref = refs.stream().max(Comparator.naturalOrder()).orElseThrow(() -> new CairnException(ExitCode.MODEL,
					"model provider '" + provider + "' is not installed"));
			dev.cairn.api.model.ModelProvider p = context.getService(ref);
			if (p == null) {
				throw new CairnException(ExitCode.MODEL, "model provider '" + provider + "' is not available");
			}
			try {
				return p.open();
			} finally {
				context.ungetService(ref);
			}
		} catch (dev.cairn.api.model.ModelException e) {
			throw new CairnException(ExitCode.MODEL, redact(e.getMessage()));
		} catch (org.osgi.framework.InvalidSyntaxException e) {
			throw CairnException.usage("--model: " + e.getMessage());
		}
	}

	/** The recorded model calls of {@code original}, served in order; null for a run that made none. */
	private ReplayEndpoint replayEndpoint(Ledger ledger, String original) {
		RunDetails details = ledger.details(original)
				.orElseThrow(() -> CairnException.usage("no run " + original + " in " + "this ledger (see ./agent runs)"));
		if (details.modelCalls().isEmpty()) {
			return null;
		}
		Map<String, Object> recorded = ledger.eventFields(original, "model.settings")
				.orElse(Map.of("provider", details.run().modelProvider(), "model", String.valueOf(details.run().model())));
		dev.cairn.api.model.ModelSettings settings = ModelSettingsCodec.fromMap(recorded);
		return new ReplayEndpoint(settings, details.modelCalls(), this::redact);
	}

	/** Compares a replay with its original: the model calls served and every artifact's SHA-256, by path. */
	private RunOutcome.Replay compare(Ledger ledger, String original, String replayRun, ReplayEndpoint replay,
			CairnException failure) {
		Map<String, String> before = new java.util.TreeMap<>();
		Map<String, String> after = new java.util.TreeMap<>();
		ledger.details(original).ifPresent(d -> d.artifacts().forEach(a -> before.put(a.path(), a.sha256())));
		ledger.details(replayRun).ifPresent(d -> d.artifacts().forEach(a -> after.put(a.path(), a.sha256())));
		List<String> differing = new ArrayList<>();
		java.util.Set<String> paths = new java.util.TreeSet<>(before.keySet());
		paths.addAll(after.keySet());
		for (String p : paths) {
			if (!java.util.Objects.equals(before.get(p), after.get(p))) {
				differing.add(p);
			}
		}
		String first = replay != null && replay.divergence != null ? replay.divergence : null;
		if (first == null && replay != null && failure == null && replay.served() < replay.recorded()) {
			first = "the replay made " + replay.served() + " model calls, the recording has " + replay.recorded();
		}
		if (first == null && failure != null) {
			first = "the replay failed: " + failure.getMessage();
		}
		if (first == null && !differing.isEmpty()) {
			String p = differing.get(0);
			first = "file " + p + (before.containsKey(p) && after.containsKey(p) ? " has a different SHA-256"
					: before.containsKey(p) ? " was not produced by the replay" : " was produced only by the replay");
		}
		return new RunOutcome.Replay(original, first == null, replay == null ? 0 : replay.served(), before.size(), first,
				differing);
	}

	/** Keeps the failed change as a patch in the run folder, then restores the workspace to its snapshot. */
	private static RunOutcome.Rollback rollBack(WorkspaceSnapshots snapshots, Snapshot snapshot, Path runDir,
			Consumer<String> progress, EventLog runLog) {
		Path patchFile = runDir.resolve("rollback.patch");
		try {
			Files.createDirectories(runDir);
			Files.writeString(patchFile, snapshots.patch(snapshot));
			snapshots.restore(snapshot);
			progress.accept("rolled back " + snapshot.workspace() + " to its state before the run (the change is kept in "
					+ patchFile + ")");
			runLog.info("workspace.rolled_back", "snapshot", snapshot.ref(), "patch", patchFile.toString());
			return new RunOutcome.Rollback(snapshot.ref(), patchFile.toString());
		} catch (IOException | RuntimeException e) {
			runLog.error("workspace.rollback.failed", "message", "could not roll back " + snapshot.workspace() + " to "
					+ snapshot.ref() + ": " + e.getMessage());
			progress.accept("ROLLBACK FAILED for " + snapshot.workspace() + ": " + e.getMessage());
			return null;
		}
	}

	/** JVM shutdown (Ctrl-C in ./agent) during a run: stop the step, record the run as interrupted. */
	private void interrupted(Ledger ledger, RunContextImpl ctx, ExecutorService worker, WorkspaceSnapshots snapshotter,
			Path runDir) {
		ctx.cancel();
		worker.shutdownNow();
		try {
			// the run's own thread sees the step stop, rolls back and records the end: let it finish that
			if (ctx.ended.await(15, TimeUnit.SECONDS) && ctx.rollbackClaimed.get()) {
				System.err.println("cairn: interrupted; " + ctx.workspace() + " is back as it was before the run");
				return;
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		try {
			ctx.flushEvents();
			ledger.finish(ctx.runId(), "interrupted", ExitCode.INTERRUPTED.code(), "interrupted (Ctrl-C)", Instant.now());
			Optional<Snapshot> before = ctx.get(Keys.SNAPSHOT);
			if (before.isPresent() && snapshotter != null && ctx.rollbackClaimed.compareAndSet(false, true)) {
				RunOutcome.Rollback done = rollBack(snapshotter, before.get(), runDir, line -> {
				}, log.forRun(ctx.runId()));
				System.err.println(done != null ? "cairn: interrupted; " + ctx.workspace() + " is back as it was before the run"
						: "cairn: interrupted; restore " + ctx.workspace() + " with: ./agent rollback " + ctx.runId());
			}
		} catch (RuntimeException | LinkageError e) {
			// the framework may already be stopping; the ledger marks the run interrupted on its next open and
			// agent:rollback restores the workspace
			System.err.println("cairn: interrupted; restore " + ctx.workspace() + " with: ./agent rollback " + ctx.runId());
		}
	}

	/** 250 ms, 500 ms, ... with up to 50 % jitter drawn from the run's seed: reproducible, yet spread out. */
	static long backoff(long seed, int attempt) {
		long base = 250L << (attempt - 1);
		return base + new Random(seed * 31 + attempt).nextLong(base / 2 + 1);
	}

	private static SpanRecord span(String trace, String parent, String runId, int seq, AgentRole role, PluginInfo agent,
			Instant start, String error) {
		Map<String, Object> attributes = new java.util.LinkedHashMap<>();
		attributes.put("agent.id", agent.id());
		attributes.put("agent.version", agent.version());
		attributes.put("agent.bundle", agent.bundle());
		attributes.put("step", seq);
		if (error != null) {
			attributes.put("error", error);
		}
		return new SpanRecord(trace, "span_" + runId + "_" + seq, parent, runId, "agent", role.id(), start,
				Instant.now(), attributes);
	}

	private static PluginRef ref(PluginInfo info) {
		return new PluginRef(info.id(), info.version(), info.bundle(), info.bundleVersion());
	}

	private static RunOutcome.Plugin plugin(PluginInfo info) {
		return new RunOutcome.Plugin(info.id(), info.version(), info.bundle());
	}

	static String human(Duration d) {
		return d.toSeconds() % 60 == 0 && d.toMinutes() > 0 ? d.toMinutes() + "m" : d.toSeconds() + "s";
	}

	static String seconds(long ms) {
		return String.format("%.1f s", ms / 1000.0);
	}

	private static String stack(Throwable t) {
		java.io.StringWriter w = new java.io.StringWriter();
		t.printStackTrace(new java.io.PrintWriter(w));
		return w.toString();
	}

}
