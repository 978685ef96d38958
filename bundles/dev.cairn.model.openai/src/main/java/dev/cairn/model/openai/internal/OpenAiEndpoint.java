package dev.cairn.model.openai.internal;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.ObjectMappers;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.errors.SseException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.FileSearchTool;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFormatTextJsonSchemaConfig;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseTextConfig;
import com.openai.models.responses.Tool;
import com.openai.models.responses.WebSearchTool;

import dev.cairn.api.model.ModelEndpoint;
import dev.cairn.api.model.ModelException;
import dev.cairn.api.model.ModelItem;
import dev.cairn.api.model.ModelListener;
import dev.cairn.api.model.ModelRequest;
import dev.cairn.api.model.ModelResponse;
import dev.cairn.api.model.ModelSettings;
import dev.cairn.api.model.ModelTool;

/**
 * One configured connection: builds Responses API requests with openai-java's typed params, reads the answer
 * (blocking or streamed), retries 408/409/429/5xx and connection failures itself (honouring Retry-After, so every
 * retry is visible to the run), and turns every failure into one line.
 */
final class OpenAiEndpoint implements ModelEndpoint {
	/** The longest Retry-After honoured; a server asking for more fails the call instead of stalling the run. */
	static final long MAX_RETRY_AFTER_MS = 60_000;
	private static final ObjectMapper PLAIN = new ObjectMapper();

	private final ModelSettings settings;
	private final String apiKey;
	private volatile OpenAIClient client;
	private final ExecutorService calls = Executors.newCachedThreadPool(r -> {
		Thread t = new Thread(r, "cairn-model-call");
		t.setDaemon(true);
		return t;
	});

	OpenAiEndpoint(ModelSettings settings, String apiKey) {
		this.settings = settings;
		this.apiKey = apiKey;
	}

	@Override
	public ModelSettings settings() {
		return settings;
	}

	private OpenAIClient client() {
		OpenAIClient c = client;
		if (c == null) {
			synchronized (this) {
				if (client == null) {
					// retries are ours (visible to the run, recorded per call); the SDK's would be invisible
					client = OpenAIOkHttpClient.builder().baseUrl(settings.baseUrl()).apiKey(apiKey)
							.timeout(settings.timeout()).maxRetries(0).build();
				}
				c = client;
			}
		}
		return c;
	}

	@Override
	public void close() {
		calls.shutdownNow();
		OpenAIClient c = client;
		if (c != null) {
			c.close();
		}
	}

	@Override
	public ModelResponse respond(ModelRequest request, ModelListener listener) throws ModelException {
		ResponseCreateParams params = params(request);
		for (int attempt = 0;; attempt++) {
			try {
				ModelResponse r = once(params, listener);
				return new ModelResponse(r.id(), r.model(), r.text(), r.calls(), r.hosted(), r.inputTokens(),
						r.outputTokens(), attempt);
			} catch (Retry retry) {
				if (attempt >= settings.maxRetries()) {
					throw new ModelException(retry.getMessage() + (attempt > 0 ? " (after " + attempt + " retries)" : ""),
							true, retry.getCause());
				}
				long delay = retry.delayMillis >= 0 ? retry.delayMillis : Math.min(8_000, 500L << attempt);
				if (delay > MAX_RETRY_AFTER_MS) {
					throw new ModelException(retry.getMessage() + "; the server asks to retry after " + delay / 1000
							+ " s, longer than Cairn waits", true, retry.getCause());
				}
				listener.retrying(attempt + 1, delay, retry.getMessage());
				try {
					Thread.sleep(delay);
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new ModelException("interrupted", false, e);
				}
			}
		}
	}

	/** One HTTP exchange on a worker thread, so an interrupt of the run's thread stops it at once. */
	private ModelResponse once(ResponseCreateParams params, ModelListener listener) throws ModelException, Retry {
		AtomicReference<StreamResponse<ResponseStreamEvent>> open = new AtomicReference<>();
		java.util.concurrent.BlockingQueue<Runnable> events = new java.util.concurrent.LinkedBlockingQueue<>();
		Future<Response> f = calls.submit(() -> {
			if (!settings.stream()) {
				return client().responses().create(params);
			}
			try (StreamResponse<ResponseStreamEvent> stream = client().responses().createStreaming(params)) {
				open.set(stream);
				Response[] done = new Response[1];
				String[] failed = new String[1];
				stream.stream().forEach(e -> {
					if (e.isOutputTextDelta()) {
						int n = e.asOutputTextDelta().delta().length();
						events.add(() -> listener.streamed(n));
					} else if (e.isOutputItemAdded() && e.asOutputItemAdded().item().isFunctionCall()) {
						String name = e.asOutputItemAdded().item().asFunctionCall().name();
						events.add(() -> listener.toolCall(name));
					} else if (e.isCompleted()) {
						done[0] = e.asCompleted().response();
					} else if (e.isIncomplete()) {
						done[0] = e.asIncomplete().response();
					} else if (e.isFailed()) {
						failed[0] = e.asFailed().response().error().map(er -> er.message()).orElse("the response failed");
					} else if (e.isError()) {
						failed[0] = e.asError().message();
					}
				});
				if (failed[0] != null) {
					throw new ModelFailure(failed[0]);
				}
				if (done[0] == null) {
					throw new StreamCut();
				}
				return done[0];
			}
		});
		try {
			while (true) {
				try {
					Response response = f.get(100, java.util.concurrent.TimeUnit.MILLISECONDS);
					drain(events);
					return read(response);
				} catch (java.util.concurrent.TimeoutException pending) {
					// listener callbacks run on the caller's thread
					drain(events);
				}
			}
		} catch (InterruptedException e) {
			f.cancel(true);
			StreamResponse<ResponseStreamEvent> s = open.get();
			if (s != null) {
				s.close();
			}
			Thread.currentThread().interrupt();
			throw new ModelException("interrupted", false, e);
		} catch (CancellationException e) {
			throw new ModelException("interrupted", false, e);
		} catch (ExecutionException e) {
			throw failure(e.getCause());
		}
	}

	private static void drain(java.util.concurrent.BlockingQueue<Runnable> events) {
		Runnable r;
		while ((r = events.poll()) != null) {
			r.run();
		}
	}

	private ModelException failure(Throwable t) throws ModelException, Retry {
		String where = settings.baseUrl();
		if (t instanceof StreamCut) {
			throw new Retry("the stream from " + where + " ended before the response was complete", -1, t);
		}
		if (t instanceof ModelFailure) {
			throw new ModelException("the model failed: " + t.getMessage(), false, t);
		}
		if (t instanceof UnauthorizedException || t instanceof PermissionDeniedException) {
			throw new ModelException("the model server at " + where + " refused the API key from $"
					+ settings.apiKeyVariable() + " (" + ((OpenAIServiceException) t).statusCode() + ": "
					+ message((OpenAIServiceException) t) + ")", false, t);
		}
		if (t instanceof NotFoundException nf) {
			throw new ModelException("model '" + settings.model() + "' is not known at " + where
					+ " (404: " + message(nf) + "), or the server does not serve /responses", false, t);
		}
		if (t instanceof RateLimitException || t instanceof InternalServerException) {
			OpenAIServiceException se = (OpenAIServiceException) t;
			throw new Retry((t instanceof RateLimitException ? "rate limited" : "server error") + " ("
					+ se.statusCode() + ": " + message(se) + ") at " + where, retryAfter(se), t);
		}
		if (t instanceof OpenAIServiceException se) {
			int status = se.statusCode();
			if (status == 408 || status == 409) {
				throw new Retry("the server answered " + status + " (" + message(se) + ")", retryAfter(se), t);
			}
			throw new ModelException("the model server at " + where + " rejected the request (" + status + ": "
					+ message(se) + ")", false, t);
		}
		if (t instanceof OpenAIIoException || t instanceof java.io.IOException) {
			Throwable root = t;
			boolean timedOut = false;
			for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
				// OkHttp's call timeout surfaces as InterruptedIOException("timeout"), sometimes under "Socket closed"
				timedOut |= c instanceof java.net.SocketTimeoutException
						|| c instanceof InterruptedIOException && "timeout".equalsIgnoreCase(String.valueOf(c.getMessage()));
				root = c;
			}
			if (timedOut) {
				throw new Retry("no answer from " + where + " within the timeout of " + settings.timeout().toSeconds() + " s",
						-1, t);
			}
			if (root instanceof ConnectException || root instanceof UnknownHostException) {
				throw new Retry("cannot reach the model server at " + where + " (" + root.getMessage() + ")", -1, t);
			}
			throw new Retry("connection to " + where + " failed (" + root + ")", -1, t);
		}
		if (t instanceof OpenAIInvalidDataException || t instanceof SseException
				|| t instanceof com.fasterxml.jackson.core.JsonProcessingException) {
			throw new ModelException("malformed response from " + where + ": " + firstLine(t.getMessage()), false, t);
		}
		return new ModelException("model call to " + where + " failed: " + firstLine(String.valueOf(t)), false, t);
	}

	private static String message(OpenAIServiceException e) {
		JsonValue body = e.body();
		try {
			JsonNode n = PLAIN.readTree(ObjectMappers.jsonMapper().writeValueAsString(body));
			String m = n.path("error").path("message").asText(n.path("message").asText(""));
			if (!m.isBlank()) {
				return firstLine(m);
			}
		} catch (Exception ignored) {
			// fall through to the exception's own text
		}
		return firstLine(String.valueOf(e.getMessage()));
	}

	private static String firstLine(String s) {
		if (s == null) {
			return "";
		}
		int nl = s.indexOf('\n');
		String line = nl < 0 ? s : s.substring(0, nl);
		return line.length() > 300 ? line.substring(0, 300) + "..." : line;
	}

	/** Retry-After-Ms, or Retry-After in seconds or as an HTTP date; -1 when the server says nothing. */
	static long retryAfter(OpenAIServiceException e) {
		try {
			List<String> ms = e.headers().values("retry-after-ms");
			if (!ms.isEmpty()) {
				return (long) Double.parseDouble(ms.get(0).trim());
			}
			List<String> s = e.headers().values("retry-after");
			if (!s.isEmpty()) {
				String v = s.get(0).trim();
				if (v.matches("\\d+(\\.\\d+)?")) {
					return (long) (Double.parseDouble(v) * 1000);
				}
				long at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
				return Math.max(0, at - System.currentTimeMillis());
			}
		} catch (RuntimeException ignored) {
			// an unreadable header is no header
		}
		return -1;
	}

	ResponseCreateParams params(ModelRequest request) {
		ResponseCreateParams.Builder b = ResponseCreateParams.builder().model(settings.model()).store(false);
		if (!request.instructions().isEmpty()) {
			b.instructions(request.instructions());
		}
		List<ResponseInputItem> items = new ArrayList<>();
		for (ModelItem item : request.input()) {
			if (item instanceof ModelItem.Message m) {
				items.add(ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
						.role(EasyInputMessage.Role.of(m.role())).content(m.text()).build()));
			} else if (item instanceof ModelItem.FunctionCall c) {
				items.add(ResponseInputItem.ofFunctionCall(ResponseFunctionToolCall.builder().callId(c.callId())
						.name(c.name()).arguments(c.arguments()).build()));
			} else if (item instanceof ModelItem.FunctionOutput o) {
				items.add(ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
						.callId(o.callId()).output(o.output()).build()));
			}
		}
		b.inputOfResponse(items);
		for (ModelTool t : request.tools()) {
			switch (t.type()) {
				case "function" -> b.addTool(Tool.ofFunction(FunctionTool.builder().name(t.name()).description(t.description())
						.parameters(FunctionTool.Parameters.builder().putAllAdditionalProperties(jsonObject(t.parameters())).build())
						.strict(false).build()));
				case "code_interpreter" -> b.addTool(Tool.ofCodeInterpreter(Tool.CodeInterpreter.builder()
						.container(Tool.CodeInterpreter.Container.CodeInterpreterToolAuto.builder().build()).build()));
				case "web_search" -> b.addTool(Tool.ofWebSearch(WebSearchTool.builder().type(WebSearchTool.Type.WEB_SEARCH).build()));
				case "file_search" -> b.addTool(Tool.ofFileSearch(FileSearchTool.builder().vectorStoreIds(t.vectorStoreIds()).build()));
				default -> throw new IllegalArgumentException("unknown tool type " + t.type());
			}
		}
		request.jsonSchema().ifPresent(schema -> b.text(ResponseTextConfig.builder()
				.format(ResponseFormatTextJsonSchemaConfig.builder().name(request.schemaName())
						.schema(ResponseFormatTextJsonSchemaConfig.Schema.builder()
								.putAllAdditionalProperties(jsonObject(schema)).build())
						.strict(false).build())
				.build()));
		settings.temperature().ifPresent(b::temperature);
		if (settings.maxOutputTokens() > 0) {
			b.maxOutputTokens((long) settings.maxOutputTokens());
		}
		return b.build();
	}

	private static Map<String, JsonValue> jsonObject(String json) {
		try {
			Map<String, Object> m = PLAIN.readValue(json.isBlank() ? "{}" : json,
					new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {
					});
			Map<String, JsonValue> out = new java.util.LinkedHashMap<>();
			m.forEach((k, v) -> out.put(k, JsonValue.from(v)));
			return out;
		} catch (com.fasterxml.jackson.core.JsonProcessingException e) {
			throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage());
		}
	}

	/** Reads the answer through its JSON form: tolerant of the extra or missing fields local servers produce. */
	ModelResponse read(Response response) throws ModelException {
		JsonNode n;
		try {
			n = PLAIN.readTree(ObjectMappers.jsonMapper().writeValueAsString(response));
		} catch (com.fasterxml.jackson.core.JsonProcessingException e) {
			throw new ModelException("malformed response from " + settings.baseUrl() + ": " + e.getOriginalMessage());
		}
		StringBuilder text = new StringBuilder();
		List<ModelItem.FunctionCall> calls = new ArrayList<>();
		List<ModelResponse.HostedCall> hosted = new ArrayList<>();
		for (JsonNode item : n.path("output")) {
			switch (item.path("type").asText()) {
				case "message" -> {
					for (JsonNode c : item.path("content")) {
						if ("output_text".equals(c.path("type").asText())) {
							text.append(c.path("text").asText());
						} else if ("refusal".equals(c.path("type").asText())) {
							throw new ModelException("the model refused: " + firstLine(c.path("refusal").asText()));
						}
					}
				}
				case "function_call" -> calls.add(new ModelItem.FunctionCall(item.path("call_id").asText(),
						item.path("name").asText(), item.path("arguments").asText("{}")));
				case "code_interpreter_call" -> {
					StringBuilder out = new StringBuilder();
					for (JsonNode o : item.path("outputs")) {
						out.append(o.path("logs").asText(o.path("url").asText(""))).append('\n');
					}
					hosted.add(new ModelResponse.HostedCall("code_interpreter_call", item.path("id").asText(),
							item.path("status").asText(), item.path("code").asText(""), out.toString().strip()));
				}
				case "web_search_call", "file_search_call" -> hosted.add(new ModelResponse.HostedCall(
						item.path("type").asText(), item.path("id").asText(), item.path("status").asText(),
						item.path("action").path("query").asText(item.path("queries").toString()), ""));
				default -> {
					// reasoning and other items carry nothing Cairn acts on
				}
			}
		}
		String status = n.path("status").asText("completed");
		if (status.equals("failed")) {
			throw new ModelException("the model failed: " + firstLine(n.path("error").path("message").asText("no reason given")));
		}
		if (status.equals("incomplete") && calls.isEmpty()) {
			throw new ModelException("the answer was cut off (" + n.path("incomplete_details").path("reason").asText("incomplete")
					+ "); raise max.output.tokens in configs/" + OpenAiProvider.PID + ".cfg");
		}
		JsonNode usage = n.path("usage");
		return new ModelResponse(n.path("id").asText(""), n.path("model").asText(settings.model()), text.toString(), calls,
				hosted, usage.path("input_tokens").asLong(0), usage.path("output_tokens").asLong(0), 0);
	}

	/** Worth another attempt: rate limits, server errors, timeouts, dropped connections. */
	static final class Retry extends Exception {
		private static final long serialVersionUID = 1L;
		final long delayMillis;

		Retry(String message, long delayMillis, Throwable cause) {
			super(message, cause);
			this.delayMillis = delayMillis;
		}
	}

	private static final class StreamCut extends RuntimeException {
		private static final long serialVersionUID = 1L;
	}

	private static final class ModelFailure extends RuntimeException {
		private static final long serialVersionUID = 1L;

		ModelFailure(String message) {
			super(message);
		}
	}
}
