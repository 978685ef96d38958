package dev.cairn.model.openai.internal;

import static dev.cairn.model.openai.testing.LoopbackResponses.answer;
import static dev.cairn.model.openai.testing.LoopbackResponses.message;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.concurrent.Callable;

import dev.cairn.api.model.ModelListener;
import dev.cairn.api.model.ModelRequest;
import dev.cairn.model.openai.testing.LoopbackResponses;

/**
 * What the provider adds to a model call on top of the HTTP round trip: the same exchange with the loopback
 * Responses server, once as a bare JDK HTTP POST of the body openai-java sends, once through the provider (request
 * building, openai-java, OkHttp, parsing, the worker-thread hand-off), JSON and streamed. Run with bench/model.sh.
 */
public final class ModelCallBenchmark {
	public static void main(String[] args) throws Exception {
		int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
		String text = "def create_book(book):\n    return book\n".repeat(60); // a ~2.4 KB answer
		try (LoopbackResponses server = new LoopbackResponses(req -> new LoopbackResponses.Answer(answer(message(text))))) {
			ModelRequest request = ModelRequest.builder("bench").instructions("You are the Coding agent.")
					.user("Spec:\n" + "{\"title\": \"Books API\"}\n".repeat(200)).build();
			try (OpenAiEndpoint json = new OpenAiEndpoint(OpenAiEndpointTest.settings(server.baseUrl(), false, 0, 30), "k");
					OpenAiEndpoint sse = new OpenAiEndpoint(OpenAiEndpointTest.settings(server.baseUrl(), true, 0, 30), "k")) {
				json.respond(request, ModelListener.NONE);
				sse.respond(request, ModelListener.NONE);
				String jsonBody = server.requests().get(0).toString();
				String sseBody = server.requests().get(1).toString();
				HttpClient http = HttpClient.newHttpClient();
				URI uri = URI.create(server.baseUrl() + "/responses");
				Callable<Object> rawJson = () -> http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString(jsonBody)).build(), HttpResponse.BodyHandlers.ofString()).body();
				Callable<Object> rawSse = () -> http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString(sseBody)).build(), HttpResponse.BodyHandlers.ofString()).body();
				double a = median(rounds, rawJson);
				double b = median(rounds, () -> json.respond(request, ModelListener.NONE));
				double c = median(rounds, rawSse);
				double d = median(rounds, () -> sse.respond(request, ModelListener.NONE));
				System.out.printf("model call, JSON:     bare HTTP %.2f ms, through the provider %.2f ms: overhead %.2f ms%n", a, b, b - a);
				System.out.printf("model call, streamed: bare HTTP %.2f ms, through the provider %.2f ms: overhead %.2f ms%n", c, d, d - c);
			}
		}
	}

	static double median(int rounds, Callable<Object> call) throws Exception {
		for (int i = 0; i < rounds / 4; i++) {
			call.call();
		}
		double[] ms = new double[rounds];
		for (int i = 0; i < rounds; i++) {
			long t0 = System.nanoTime();
			call.call();
			ms[i] = (System.nanoTime() - t0) / 1e6;
		}
		Arrays.sort(ms);
		return ms[rounds / 2];
	}

	private ModelCallBenchmark() {
	}
}
