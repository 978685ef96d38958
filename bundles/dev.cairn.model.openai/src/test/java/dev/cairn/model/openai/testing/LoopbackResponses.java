package dev.cairn.model.openai.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback server that speaks the OpenAI Responses API wire format ({@code POST /v1/responses}, JSON bodies, and
 * server-sent events when the request says {@code stream: true}), scripted per test. Test code only: Cairn talks to
 * it exactly as to api.openai.com or a local Ollama.
 */
public final class LoopbackResponses implements AutoCloseable {
	public static final ObjectMapper JSON = new ObjectMapper();

	/** What the server answers to one request. */
	public sealed interface Reply {
	}

	/** A complete response object: JSON, or SSE events when the request streams. */
	public record Answer(ObjectNode response) implements Reply {
	}

	/** An HTTP error with a JSON error body and headers (e.g. Retry-After). */
	public record Failure(int status, String message, Map<String, String> headers) implements Reply {
	}

	/** Bytes that are not a valid response. */
	public record Garbage(String body) implements Reply {
	}

	/** A stream that stops after its first {@code events} events, without response.completed. */
	public record CutStream(ObjectNode response, int events) implements Reply {
	}

	/** Waits before answering (for timeouts). */
	public record Slow(long millis, Reply then) implements Reply {
	}

	private final HttpServer server;
	private final Function<JsonNode, Reply> script;
	private final List<JsonNode> requests = Collections.synchronizedList(new ArrayList<>());
	private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
	private final AtomicInteger ids = new AtomicInteger();

	public LoopbackResponses(Function<JsonNode, Reply> script) throws IOException {
		this.script = script;
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/v1/responses", this::handle);
		server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
			Thread t = new Thread(r, "loopback-responses");
			t.setDaemon(true);
			return t;
		}));
		server.start();
	}

	/** The base URL to configure, ending in /v1. */
	public String baseUrl() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
	}

	/** Every request body received, in order. */
	public List<JsonNode> requests() {
		synchronized (requests) {
			return List.copyOf(requests);
		}
	}

	public List<String> authorizations() {
		synchronized (authorizations) {
			return List.copyOf(authorizations);
		}
	}

	@Override
	public void close() {
		server.stop(0);
	}

	private void handle(HttpExchange ex) throws IOException {
		try (ex) {
			if (!ex.getRequestMethod().equals("POST")) {
				send(ex, 405, "application/json", "{\"error\":{\"message\":\"POST only\"}}", Map.of());
				return;
			}
			JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
			requests.add(body);
			authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
			Reply reply = script.apply(body);
			boolean stream = body.path("stream").asBoolean(false);
			while (reply instanceof Slow slow) {
				try {
					Thread.sleep(slow.millis());
				} catch (InterruptedException e) {
					return;
				}
				reply = slow.then();
			}
			if (reply instanceof Failure f) {
				ObjectNode err = JSON.createObjectNode();
				err.putObject("error").put("message", f.message()).put("type", "test_error").putNull("code");
				send(ex, f.status(), "application/json", err.toString(), f.headers());
			} else if (reply instanceof Garbage g) {
				send(ex, 200, stream ? "text/event-stream" : "application/json", g.body(), Map.of());
			} else if (reply instanceof Answer a) {
				ObjectNode r = complete(a.response(), body);
				if (stream) {
					List<String> events = events(r);
					sendStream(ex, events, events.size());
				} else {
					send(ex, 200, "application/json", r.toString(), Map.of());
				}
			} else if (reply instanceof CutStream c) {
				ObjectNode r = complete(c.response(), body);
				sendStream(ex, events(r), c.events());
			}
		}
	}

	private ObjectNode complete(ObjectNode r, JsonNode request) {
		ObjectNode out = r.deepCopy();
		if (!out.has("id")) {
			out.put("id", "resp_" + ids.incrementAndGet());
		}
		out.put("object", "response");
		out.put("created_at", 1_764_000_000L);
		out.put("status", out.path("status").asText("completed"));
		if (!out.has("model")) {
			out.put("model", request.path("model").asText());
		}
		out.put("parallel_tool_calls", true);
		out.put("tool_choice", "auto");
		out.set("tools", request.path("tools").isMissingNode() ? JSON.createArrayNode() : request.path("tools"));
		if (!out.has("usage")) {
			out.set("usage", usage(request.toString().length() / 4, out.path("output").toString().length() / 4));
		}
		return out;
	}

	/** The SSE events a streaming server sends for {@code r}: created, items with text deltas, completed. */
	static List<String> events(ObjectNode r) {
		List<String> events = new ArrayList<>();
		int seq = 0;
		ObjectNode created = r.deepCopy();
		created.put("status", "in_progress");
		created.set("output", JSON.createArrayNode());
		events.add(event("response.created", seq++, Map.of("response", created)));
		int index = 0;
		for (JsonNode item : r.path("output")) {
			ObjectNode added = item.deepCopy();
			events.add(event("response.output_item.added", seq++, Map.of("output_index", index, "item", added)));
			if (item.path("type").asText().equals("message")) {
				String text = item.path("content").path(0).path("text").asText();
				for (int i = 0; i < text.length(); i += 16) {
					events.add(event("response.output_text.delta", seq++, Map.of("item_id", item.path("id").asText(),
							"output_index", index, "content_index", 0, "delta", text.substring(i, Math.min(text.length(), i + 16)),
							"logprobs", List.of())));
				}
			}
			events.add(event("response.output_item.done", seq++, Map.of("output_index", index, "item", item)));
			index++;
		}
		events.add(event("response.completed", seq, Map.of("response", r)));
		return events;
	}

	private static String event(String type, int seq, Map<String, Object> fields) {
		ObjectNode e = JSON.createObjectNode();
		e.put("type", type);
		e.put("sequence_number", seq);
		fields.forEach((k, v) -> e.set(k, JSON.valueToTree(v)));
		return "event: " + type + "\ndata: " + e + "\n\n";
	}

	private static void send(HttpExchange ex, int status, String type, String body, Map<String, String> headers)
			throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		ex.getResponseHeaders().set("Content-Type", type);
		headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
		ex.sendResponseHeaders(status, bytes.length);
		ex.getResponseBody().write(bytes);
	}

	private static void sendStream(HttpExchange ex, List<String> events, int upTo) throws IOException {
		ex.getResponseHeaders().set("Content-Type", "text/event-stream");
		ex.sendResponseHeaders(200, 0);
		OutputStream out = ex.getResponseBody();
		for (int i = 0; i < Math.min(upTo, events.size()); i++) {
			out.write(events.get(i).getBytes(StandardCharsets.UTF_8));
			out.flush();
		}
	}

	// ---- building answers ----

	public static ObjectNode answer(JsonNode... items) {
		ObjectNode r = JSON.createObjectNode();
		ArrayNode output = r.putArray("output");
		for (JsonNode i : items) {
			output.add(i);
		}
		return r;
	}

	public static ObjectNode message(String text) {
		ObjectNode m = JSON.createObjectNode();
		m.put("type", "message").put("id", "msg_" + Integer.toHexString(text.hashCode())).put("role", "assistant")
				.put("status", "completed");
		m.putArray("content").addObject().put("type", "output_text").put("text", text).putArray("annotations");
		return m;
	}

	public static ObjectNode functionCall(String callId, String name, Object arguments) {
		ObjectNode c = JSON.createObjectNode();
		try {
			c.put("type", "function_call").put("id", "fc_" + callId).put("call_id", callId).put("name", name)
					.put("arguments", arguments instanceof String s ? s : JSON.writeValueAsString(arguments))
					.put("status", "completed");
		} catch (com.fasterxml.jackson.core.JsonProcessingException e) {
			throw new IllegalArgumentException(e);
		}
		return c;
	}

	public static ObjectNode codeInterpreterCall(String id, String code, String logs) {
		ObjectNode c = JSON.createObjectNode();
		c.put("type", "code_interpreter_call").put("id", id).put("status", "completed").put("code", code)
				.put("container_id", "cntr_test");
		c.putArray("outputs").addObject().put("type", "logs").put("logs", logs);
		return c;
	}

	public static ObjectNode usage(long in, long out) {
		ObjectNode u = JSON.createObjectNode();
		u.put("input_tokens", in).put("output_tokens", out).put("total_tokens", in + out);
		u.putObject("input_tokens_details").put("cached_tokens", 0);
		u.putObject("output_tokens_details").put("reasoning_tokens", 0);
		return u;
	}

	/** The text of the last user message of a request. */
	public static String lastUserText(JsonNode request) {
		String text = "";
		for (JsonNode item : request.path("input")) {
			if ("user".equals(item.path("role").asText())) {
				JsonNode c = item.path("content");
				text = c.isTextual() ? c.asText() : c.path(0).path("text").asText();
			}
		}
		return text;
	}

	/** The function_call_output items of a request, in order. */
	public static List<JsonNode> functionOutputs(JsonNode request) {
		List<JsonNode> out = new ArrayList<>();
		for (JsonNode item : request.path("input")) {
			if ("function_call_output".equals(item.path("type").asText())) {
				out.add(item);
			}
		}
		return out;
	}
}
