package dev.cairn.model.openai.internal;

import static dev.cairn.model.openai.testing.LoopbackResponses.answer;
import static dev.cairn.model.openai.testing.LoopbackResponses.codeInterpreterCall;
import static dev.cairn.model.openai.testing.LoopbackResponses.functionCall;
import static dev.cairn.model.openai.testing.LoopbackResponses.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cairn.api.model.ModelException;
import dev.cairn.api.model.ModelItem;
import dev.cairn.api.model.ModelListener;
import dev.cairn.api.model.ModelRequest;
import dev.cairn.api.model.ModelResponse;
import dev.cairn.api.model.ModelSettings;
import dev.cairn.api.model.ModelTool;
import dev.cairn.model.openai.testing.LoopbackResponses;
import dev.cairn.model.openai.testing.LoopbackResponses.Reply;

/** The provider against a loopback server speaking the Responses API wire format, JSON and SSE. */
class OpenAiEndpointTest {
	static final String KEY = "sk-test-" + "loopback0123456789";

	static ModelSettings settings(String baseUrl, boolean stream, int retries, int timeoutSeconds) {
		return new ModelSettings("openai", baseUrl, "test-model", "TEST_KEY", Duration.ofSeconds(timeoutSeconds), retries,
				Optional.of(0.0), 0, 0, stream, "local", false, List.of());
	}

	static ModelRequest hello() {
		return ModelRequest.builder("test.hello").instructions("be brief").user("say hello").build();
	}

	static ModelResponse call(Function<JsonNode, Reply> script, boolean stream, int retries, ModelRequest request,
			ModelListener listener, List<JsonNode> requests) throws Exception {
		try (LoopbackResponses server = new LoopbackResponses(script);
				OpenAiEndpoint endpoint = new OpenAiEndpoint(settings(server.baseUrl(), stream, retries, 5), KEY)) {
			try {
				return endpoint.respond(request, listener);
			} finally {
				requests.addAll(server.requests());
				assertTrue(server.authorizations().stream().allMatch(("Bearer " + KEY)::equals), "the key is sent as bearer");
			}
		}
	}

	@ParameterizedTest(name = "stream={0}")
	@ValueSource(booleans = { false, true })
	void textAnswersJsonAndStreamed(boolean stream) throws Exception {
		List<JsonNode> requests = new ArrayList<>();
		AtomicInteger streamed = new AtomicInteger();
		String text = "Hello from the loopback server, streamed in several chunks of text.";
		ModelResponse r = call(req -> new LoopbackResponses.Answer(answer(message(text))), stream, 0, hello(),
				new ModelListener() {
					@Override
					public void streamed(int chars) {
						streamed.addAndGet(chars);
					}
				}, requests);
		assertEquals(text, r.text());
		assertTrue(r.inputTokens() > 0 && r.outputTokens() > 0, "usage is read");
		assertEquals("test-model", r.model());
		JsonNode sent = requests.get(0);
		assertEquals("test-model", sent.path("model").asText());
		assertEquals("be brief", sent.path("instructions").asText());
		assertEquals("say hello", LoopbackResponses.lastUserText(sent));
		assertEquals(stream, sent.path("stream").asBoolean(false));
		assertFalse(sent.path("store").asBoolean(true), "nothing is stored server-side");
		assertEquals(stream ? text.length() : 0, streamed.get(), "deltas reach the listener when streaming");
	}

	@Test
	void structuredOutputSendsTheSchema() throws Exception {
		List<JsonNode> requests = new ArrayList<>();
		String schema = "{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"}},\"required\":[\"title\"]}";
		ModelResponse r = call(req -> new LoopbackResponses.Answer(answer(message("{\"title\":\"Books\"}"))), true, 0,
				ModelRequest.builder("test.spec").user("books").jsonSchema("spec", schema).build(), ModelListener.NONE,
				requests);
		assertEquals("{\"title\":\"Books\"}", r.text());
		JsonNode format = requests.get(0).path("text").path("format");
		assertEquals("json_schema", format.path("type").asText());
		assertEquals("spec", format.path("name").asText());
		assertEquals("Books".length() > 0, format.path("schema").path("required").get(0).asText().equals("title"));
	}

	@Test
	void functionCallsAndTheirOutputsGoBothWays() throws Exception {
		List<JsonNode> requests = new ArrayList<>();
		ModelTool readFile = ModelTool.function("read_file", "reads a file",
				"{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}");
		ModelRequest first = ModelRequest.builder("test.tools").user("read app.py").tool(readFile).build();
		Function<JsonNode, Reply> script = req -> LoopbackResponses.functionOutputs(req).isEmpty()
				? new LoopbackResponses.Answer(answer(functionCall("call_1", "read_file", Map.of("path", "app.py"))))
				: new LoopbackResponses.Answer(answer(message("it has " + LoopbackResponses.functionOutputs(req).get(0)
						.path("output").asText().length() + " characters")));
		AtomicInteger toolCalls = new AtomicInteger();
		ModelListener listener = new ModelListener() {
			@Override
			public void toolCall(String name) {
				toolCalls.incrementAndGet();
			}
		};
		ModelResponse r1 = call(script, true, 0, first, listener, requests);
		assertEquals(List.of(new ModelItem.FunctionCall("call_1", "read_file", "{\"path\":\"app.py\"}")), r1.calls());
		assertEquals(1, toolCalls.get(), "the streamed tool call is reported");
		JsonNode tool = requests.get(0).path("tools").get(0);
		assertEquals("function", tool.path("type").asText());
		assertEquals("read_file", tool.path("name").asText());
		assertEquals("object", tool.path("parameters").path("type").asText());

		ModelRequest second = first.continued(List.of(r1.calls().get(0), new ModelItem.FunctionOutput("call_1", "print(1)\n")));
		ModelResponse r2 = call(script, false, 0, second, ModelListener.NONE, requests);
		assertEquals("it has 9 characters", r2.text());
		JsonNode input = requests.get(1).path("input");
		assertEquals("function_call", input.get(1).path("type").asText());
		assertEquals("call_1", input.get(1).path("call_id").asText());
		assertEquals("function_call_output", input.get(2).path("type").asText());
	}

	@Test
	void hostedCodeInterpreterCallsAreRead() throws Exception {
		ModelResponse r = call(req -> new LoopbackResponses.Answer(answer(
				codeInterpreterCall("ci_1", "print(6*7)", "42"), message("The answer is 42."))), true, 0,
				ModelRequest.builder("test.ci").user("compute").tool(ModelTool.hosted("code_interpreter", List.of())).build(),
				ModelListener.NONE, new ArrayList<>());
		assertEquals("The answer is 42.", r.text());
		assertEquals(1, r.hosted().size());
		assertEquals("code_interpreter_call", r.hosted().get(0).type());
		assertEquals("print(6*7)", r.hosted().get(0).detail());
		assertEquals("42", r.hosted().get(0).output());
	}

	@Test
	void rateLimitsAreRetriedHonouringRetryAfter() throws Exception {
		AtomicInteger n = new AtomicInteger();
		List<Long> delays = new ArrayList<>();
		ModelResponse r = call(req -> n.incrementAndGet() == 1
				? new LoopbackResponses.Failure(429, "slow down", Map.of("Retry-After", "1"))
				: new LoopbackResponses.Answer(answer(message("ok"))), false, 2, hello(), new ModelListener() {
					@Override
					public void retrying(int attempt, long delayMillis, String reason) {
						delays.add(delayMillis);
					}
				}, new ArrayList<>());
		assertEquals("ok", r.text());
		assertEquals(1, r.retries());
		assertEquals(List.of(1000L), delays, "the server's Retry-After is the delay");
	}

	@Test
	void serverErrorsAreRetriedThenReported() {
		AtomicInteger n = new AtomicInteger();
		ModelException e = assertThrows(ModelException.class, () -> call(req -> {
			n.incrementAndGet();
			return new LoopbackResponses.Failure(500, "boom", Map.of("Retry-After-Ms", "10"));
		}, true, 2, hello(), ModelListener.NONE, new ArrayList<>()));
		assertEquals(3, n.get(), "one call and two retries");
		assertTrue(e.getMessage().contains("server error (500: boom)") && e.getMessage().contains("after 2 retries"),
				e.getMessage());
	}

	@ParameterizedTest(name = "stream={0}")
	@ValueSource(booleans = { false, true })
	void malformedAnswersAreOneLine(boolean stream) {
		ModelException e = assertThrows(ModelException.class, () -> call(
				req -> new LoopbackResponses.Garbage(stream ? "data: {not json\n\n" : "{\"output\": [ {\"type\": "), stream, 0,
				hello(), ModelListener.NONE, new ArrayList<>()));
		assertTrue(e.getMessage().startsWith("malformed response from http://127.0.0.1:"), e.getMessage());
		assertFalse(e.getMessage().contains("\n"));
	}

	@Test
	void aStreamCutMidwayIsRetriedThenReported() {
		AtomicInteger n = new AtomicInteger();
		ModelException e = assertThrows(ModelException.class, () -> call(req -> {
			n.incrementAndGet();
			return new LoopbackResponses.CutStream(answer(message("a long answer that never completes")), 3);
		}, true, 1, hello(), ModelListener.NONE, new ArrayList<>()));
		assertEquals(2, n.get());
		assertTrue(e.getMessage().contains("ended before the response was complete"), e.getMessage());
	}

	@Test
	void aSlowServerHitsTheTimeout() throws Exception {
		try (LoopbackResponses server = new LoopbackResponses(
				req -> new LoopbackResponses.Slow(5_000, new LoopbackResponses.Answer(answer(message("late")))));
				OpenAiEndpoint endpoint = new OpenAiEndpoint(settings(server.baseUrl(), false, 0, 1), KEY)) {
			ModelException e = assertThrows(ModelException.class, () -> endpoint.respond(hello(), ModelListener.NONE));
			assertTrue(e.getMessage().contains("within the timeout of 1 s"), e.getMessage());
		}
	}

	@Test
	void authFailureUnknownModelAndUnreachableServerAreOneLineEach() throws Exception {
		ModelException auth = assertThrows(ModelException.class, () -> call(
				req -> new LoopbackResponses.Failure(401, "Incorrect API key provided: " + KEY, Map.of()), false, 2, hello(),
				ModelListener.NONE, new ArrayList<>()));
		assertTrue(auth.getMessage().contains("refused the API key from $TEST_KEY (401"), auth.getMessage());
		ModelException unknown = assertThrows(ModelException.class, () -> call(
				req -> new LoopbackResponses.Failure(404, "The model 'test-model' does not exist", Map.of()), false, 2,
				hello(), ModelListener.NONE, new ArrayList<>()));
		assertTrue(unknown.getMessage().startsWith("model 'test-model' is not known at http://127.0.0.1:"),
				unknown.getMessage());

		int port;
		try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			port = s.getLocalPort();
		}
		try (OpenAiEndpoint endpoint = new OpenAiEndpoint(settings("http://127.0.0.1:" + port + "/v1", false, 1, 2), KEY)) {
			ModelException e = assertThrows(ModelException.class, () -> endpoint.respond(hello(), ModelListener.NONE));
			assertTrue(e.getMessage().startsWith("cannot reach the model server at http://127.0.0.1:" + port + "/v1"),
					e.getMessage());
		}
	}

	@Test
	void anInterruptStopsTheCall() throws Exception {
		try (LoopbackResponses server = new LoopbackResponses(
				req -> new LoopbackResponses.Slow(30_000, new LoopbackResponses.Answer(answer(message("late")))));
				OpenAiEndpoint endpoint = new OpenAiEndpoint(settings(server.baseUrl(), true, 0, 60), KEY)) {
			Thread caller = Thread.currentThread();
			Thread interrupter = new Thread(() -> {
				try {
					Thread.sleep(300);
				} catch (InterruptedException ignored) {
				}
				caller.interrupt();
			});
			interrupter.start();
			ModelException e = assertThrows(ModelException.class, () -> endpoint.respond(hello(), ModelListener.NONE));
			assertEquals("interrupted", e.getMessage());
			assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
		}
	}

	@Test
	void configurationIsValidatedAndTheKeyIsNeverPartOfIt() {
		OpenAiProvider.Config bad = config("ftp://example", "local");
		ModelException e = assertThrows(ModelException.class, () -> OpenAiProvider.settings(bad));
		assertTrue(e.getMessage().contains("must be an http(s) URL"), e.getMessage());
		assertThrows(ModelException.class, () -> OpenAiProvider.settings(config("http://127.0.0.1:1/v1", "sometimes")));
		assertEquals("local", assertDoesNotThrow(config("http://127.0.0.1:11434/v1/", "auto")).codeInterpreter());
		assertEquals("hosted", assertDoesNotThrow(config("https://api.openai.com/v1", "auto")).codeInterpreter());
		assertEquals("http://127.0.0.1:11434/v1", assertDoesNotThrow(config("http://127.0.0.1:11434/v1/", "auto")).baseUrl());
		assertFalse(assertDoesNotThrow(config("https://api.openai.com/v1", "auto")).toString().contains("sk-"));
	}

	private static ModelSettings assertDoesNotThrow(OpenAiProvider.Config c) {
		try {
			return OpenAiProvider.settings(c);
		} catch (ModelException e) {
			throw new AssertionError(e.getMessage());
		}
	}

	static OpenAiProvider.Config config(String baseUrl, String codeInterpreter) {
		return (OpenAiProvider.Config) java.lang.reflect.Proxy.newProxyInstance(OpenAiProvider.Config.class.getClassLoader(),
				new Class<?>[] { OpenAiProvider.Config.class }, (proxy, method, args) -> switch (method.getName()) {
					case "base_url" -> baseUrl;
					case "code_interpreter" -> codeInterpreter;
					default -> method.getDefaultValue();
				});
	}
}
