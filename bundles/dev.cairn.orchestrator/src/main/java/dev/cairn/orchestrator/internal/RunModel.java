package dev.cairn.orchestrator.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.cairn.api.CairnException;
import dev.cairn.api.ExitCode;
import dev.cairn.api.agent.Keys;
import dev.cairn.api.guard.GuardDecision;
import dev.cairn.api.guard.GuardPolicy;
import dev.cairn.api.guard.GuardSubject;
import dev.cairn.api.model.ModelEndpoint;
import dev.cairn.api.model.ModelException;
import dev.cairn.api.model.ModelItem;
import dev.cairn.api.model.ModelListener;
import dev.cairn.api.model.ModelRequest;
import dev.cairn.api.model.ModelResponse;
import dev.cairn.api.model.ModelSession;
import dev.cairn.api.model.ModelSettings;
import dev.cairn.api.model.ModelTool;
import dev.cairn.api.store.GuardDecisionRecord;
import dev.cairn.api.store.ModelCallRecord;

/**
 * The run's model: one endpoint pinned at the start; every call recorded (Cairn's own request/response form, see
 * {@link ModelCodec}), traced as a generation span, counted against the token budget and shown while it streams.
 */
final class RunModel implements ModelSession {
	/** How often a long call reports that the model is still working. */
	static final long PROGRESS_EVERY_MS = 2_000;
	/** Tool output sent back to the model is capped: a flood helps no model and costs tokens. */
	static final int MAX_TOOL_OUTPUT = 16_000;

	private final RunContextImpl ctx;
	private final ModelEndpoint endpoint;
	private final boolean replaying;
	private final AtomicInteger calls = new AtomicInteger();
	private final AtomicLong inputTokens = new AtomicLong();
	private final AtomicLong outputTokens = new AtomicLong();
	private volatile List<ModelTool> hosted;

	RunModel(RunContextImpl ctx, ModelEndpoint endpoint, boolean replaying) {
		this.ctx = ctx;
		this.endpoint = endpoint;
		this.replaying = replaying;
	}

	@Override
	public ModelSettings settings() {
		return endpoint.settings();
	}

	@Override
	public boolean replaying() {
		return replaying;
	}

	int calls() {
		return calls.get();
	}

	long inputTokens() {
		return inputTokens.get();
	}

	long outputTokens() {
		return outputTokens.get();
	}

	void close() {
		endpoint.close();
	}

	@Override
	public ModelResponse respond(ModelRequest request) throws ModelException {
		ModelSettings s = settings();
		long budget = s.tokenBudget();
		if (budget > 0 && inputTokens.get() + outputTokens.get() >= budget) {
			throw budgetSpent(budget);
		}
		if (ctx.cancelled()) {
			throw new CairnException(ExitCode.INTERRUPTED, "interrupted");
		}
		String requestJson = ModelCodec.text(ModelCodec.request(request, s.model()));
		int n = calls.incrementAndGet();
		Instant start = Instant.now();
		long t0 = System.nanoTime();
		Progress progress = new Progress(request.purpose(), t0);
		ModelResponse response;
		try {
			response = endpoint.respond(request, progress);
		} catch (ModelException e) {
			long ms = (System.nanoTime() - t0) / 1_000_000;
			ctx.ledger().modelCall(new ModelCallRecord(ctx.runId(), ctx.step(), s.provider(), s.model(), requestJson,
					ModelCodec.text(Map.of("error", String.valueOf(e.getMessage()))), 0, 0, ms, "error", progress.retries,
					start));
			ctx.span("generation", request.purpose(), start, generation(s, request, null, e.getMessage(), n));
			throw e;
		}
		long ms = (System.nanoTime() - t0) / 1_000_000;
		inputTokens.addAndGet(response.inputTokens());
		outputTokens.addAndGet(response.outputTokens());
		ctx.ledger().modelCall(new ModelCallRecord(ctx.runId(), ctx.step(), s.provider(),
				response.model() == null || response.model().isEmpty() ? s.model() : response.model(), requestJson,
				ModelCodec.text(response), response.inputTokens(), response.outputTokens(), ms, "ok",
				response.retries(), start));
		ctx.span("generation", request.purpose(), start, generation(s, request, response, null, n));
		if (ms >= PROGRESS_EVERY_MS || !response.calls().isEmpty()) {
			ctx.progress("model: " + request.purpose() + " answered in " + RunOrchestrator.seconds(ms) + " ("
					+ response.inputTokens() + " in / " + response.outputTokens() + " out tokens"
					+ (response.calls().isEmpty() ? "" : ", " + response.calls().size() + " tool call"
							+ (response.calls().size() == 1 ? "" : "s"))
					+ ")");
		}
		if (budget > 0 && inputTokens.get() + outputTokens.get() >= budget) {
			throw budgetSpent(budget);
		}
		return response;
	}

	private CairnException budgetSpent(long budget) {
		return new CairnException(ExitCode.BUDGET, "the run's model token budget of " + budget + " tokens is spent ("
				+ (inputTokens.get() + outputTokens.get()) + " used in " + calls.get()
				+ " calls); raise token.budget in configs/dev.cairn.model." + settings().provider() + ".cfg");
	}

	@Override
	public ModelResponse converse(ModelRequest request, Map<String, ToolFunction> functions, int maxTurns)
			throws ModelException {
		ModelRequest next = request;
		ModelResponse response = null;
		for (int turn = 1; turn <= maxTurns; turn++) {
			response = respond(next);
			if (response.calls().isEmpty()) {
				return response;
			}
			List<ModelItem> more = new ArrayList<>();
			if (!response.text().isBlank()) {
				more.add(new ModelItem.Message("assistant", response.text()));
			}
			List<ModelItem> outputs = new ArrayList<>();
			for (ModelItem.FunctionCall call : response.calls()) {
				more.add(call);
				outputs.add(new ModelItem.FunctionOutput(call.callId(), run(call, functions)));
			}
			more.addAll(outputs);
			next = next.continued(more);
		}
		ctx.progress("model: " + request.purpose() + " stopped after " + maxTurns + " turns (the limit)");
		return response;
	}

	private String run(ModelItem.FunctionCall call, Map<String, ToolFunction> functions) {
		Instant start = Instant.now();
		ToolFunction f = functions.get(call.name());
		String output;
		String error = null;
		if (f == null) {
			error = "unknown tool " + call.name() + "; available: " + String.join(", ", functions.keySet());
			output = "error: " + error;
		} else {
			try {
				Map<String, Object> arguments;
				try {
					arguments = ModelCodec.JSON.readValue(call.arguments().isBlank() ? "{}" : call.arguments(),
							new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {
							});
				} catch (com.fasterxml.jackson.core.JsonProcessingException e) {
					throw new IllegalArgumentException("the arguments are not a JSON object: " + e.getOriginalMessage());
				}
				output = f.call(arguments == null ? Map.of() : arguments);
			} catch (CairnException e) {
				if (e.exitCode() == ExitCode.BUDGET || e.exitCode() == ExitCode.INTERRUPTED) {
					throw e;
				}
				error = e.getMessage();
				output = "error: " + error;
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new CairnException(ExitCode.INTERRUPTED, "interrupted");
			} catch (Exception e) {
				error = e.getMessage() == null ? e.toString() : e.getMessage();
				output = "error: " + error;
			}
		}
		if (output.length() > MAX_TOOL_OUTPUT) {
			output = output.substring(0, MAX_TOOL_OUTPUT) + "\n[... " + (output.length() - MAX_TOOL_OUTPUT)
					+ " more characters cut]";
		}
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("input", call.arguments());
		attributes.put("output", output.length() > 2000 ? output.substring(0, 2000) + "..." : output);
		attributes.put("call_id", call.callId());
		if (error != null) {
			attributes.put("error", error);
		}
		ctx.span("function", call.name(), start, attributes);
		return output;
	}

	@Override
	public List<ModelTool> hostedTools() {
		List<ModelTool> tools = hosted;
		if (tools == null) {
			ModelSettings s = settings();
			tools = new ArrayList<>();
			if (s.codeInterpreter().equals("hosted") && allowed("code_interpreter")) {
				tools.add(ModelTool.hosted("code_interpreter", List.of()));
			}
			if (s.webSearch() && allowed("web_search")) {
				tools.add(ModelTool.hosted("web_search", List.of()));
			}
			if (!s.fileSearchVectorStores().isEmpty() && allowed("file_search")) {
				tools.add(ModelTool.hosted("file_search", s.fileSearchVectorStores()));
			}
			hosted = tools = List.copyOf(tools);
		}
		return tools;
	}

	private volatile Boolean local;

	@Override
	public boolean localCodeInterpreter() {
		Boolean l = local;
		if (l == null) {
			local = l = settings().codeInterpreter().equals("local") && allowed("code_interpreter");
		}
		return l;
	}

	/** A tool switched on in the provider's configuration is offered only when the run's policy allows it too. */
	private boolean allowed(String tool) {
		GuardPolicy policy = ctx.get(Keys.POLICY).orElse(null);
		if (policy == null) {
			return true;
		}
		Instant start = Instant.now();
		GuardDecision d = policy.check(new GuardSubject("tool", tool, Map.of("provider", settings().provider())));
		boolean ok = d.verdict() != GuardDecision.Verdict.BLOCK;
		String verdict = d.verdict().name().toLowerCase(java.util.Locale.ROOT);
		ctx.ledger().decision(new GuardDecisionRecord(ctx.runId(), ctx.step(), "tool", tool, d.policy(),
				d.policyVersion(), verdict, d.reason(), Instant.now()));
		ctx.span("guardrail", "tool:" + tool, start, Map.of("policy", d.policy() + " " + d.policyVersion(), "verdict",
				verdict, "reason", String.valueOf(d.reason()), "triggered", !ok));
		if (!ok) {
			ctx.progress("model: tool " + tool + " is switched on but policy " + d.policy() + " does not allow it: "
					+ d.reason());
		}
		return ok;
	}

	private static Map<String, Object> generation(ModelSettings s, ModelRequest request, ModelResponse response,
			String error, int n) {
		// shaped like the Agents SDK's generation span data
		Map<String, Object> a = new LinkedHashMap<>();
		a.put("call", n);
		a.put("model", response != null && !response.model().isEmpty() ? response.model() : s.model());
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("base_url", s.baseUrl());
		s.temperature().ifPresent(t -> config.put("temperature", t));
		config.put("max_output_tokens", s.maxOutputTokens());
		config.put("stream", s.stream());
		a.put("model_config", config);
		a.put("tools", request.tools().stream().map(t -> t.type().equals("function") ? t.name() : t.type()).toList());
		a.put("structured_output", request.jsonSchema().isPresent());
		if (response != null) {
			a.put("usage", Map.of("input_tokens", response.inputTokens(), "output_tokens", response.outputTokens()));
			a.put("response_id", response.id());
			a.put("function_calls", response.calls().stream().map(ModelItem.FunctionCall::name).toList());
			a.put("hosted_calls", response.hosted().stream().map(ModelResponse.HostedCall::type).toList());
			a.put("retries", response.retries());
			String text = response.text();
			a.put("output", text.length() > 2000 ? text.substring(0, 2000) + "..." : text);
		}
		if (error != null) {
			a.put("error", error);
		}
		return a;
	}

	/** Reports a streaming call's progress at most every two seconds. */
	private final class Progress implements ModelListener {
		private final String purpose;
		private final long t0;
		private long chars;
		private int tools;
		private long lastReport;
		int retries;

		Progress(String purpose, long t0) {
			this.purpose = purpose;
			this.t0 = t0;
			this.lastReport = t0;
		}

		@Override
		public void streamed(int n) {
			chars += n;
			maybeReport();
		}

		@Override
		public void toolCall(String name) {
			tools++;
			maybeReport();
		}

		@Override
		public void retrying(int attempt, long delayMillis, String reason) {
			retries = attempt;
			ctx.progress("model: " + purpose + ": " + reason + "; retry " + attempt + " in " + delayMillis + " ms");
		}

		private void maybeReport() {
			long now = System.nanoTime();
			if ((now - lastReport) / 1_000_000 >= PROGRESS_EVERY_MS) {
				lastReport = now;
				ctx.progress("model: " + purpose + " working for " + RunOrchestrator.seconds((now - t0) / 1_000_000)
						+ ", ~" + Math.max(1, chars / 4) + " tokens so far" + (tools > 0 ? ", " + tools + " tool calls" : ""));
			}
		}
	}
}
