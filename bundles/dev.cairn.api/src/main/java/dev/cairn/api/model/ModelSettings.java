package dev.cairn.api.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An endpoint's configuration as recorded with a run. The API key is not part of it: only the name of the variable
 * it was read from.
 *
 * @param provider              provider id, e.g. {@code openai}
 * @param baseUrl               the server, e.g. {@code https://api.openai.com/v1} or {@code http://127.0.0.1:11434/v1}
 * @param model                 model name
 * @param apiKeyVariable        the environment variable holding the key
 * @param timeout               per-request timeout
 * @param maxRetries            retries of 408/409/429/5xx and connection failures
 * @param temperature           sampling temperature, when set
 * @param maxOutputTokens       per-call output limit, 0 for the server's default
 * @param tokenBudget           tokens (in + out) one run may spend, 0 for no limit
 * @param stream                whether calls stream (server-sent events)
 * @param codeInterpreter       {@code hosted} (the server's code_interpreter tool), {@code local} (a sandboxed
 *                              run_code function tool) or {@code off}
 * @param webSearch             the hosted web_search tool is offered
 * @param fileSearchVectorStores vector store ids for the hosted file_search tool; empty = off
 */
public record ModelSettings(String provider, String baseUrl, String model, String apiKeyVariable, Duration timeout,
		int maxRetries, Optional<Double> temperature, int maxOutputTokens, long tokenBudget, boolean stream,
		String codeInterpreter, boolean webSearch, List<String> fileSearchVectorStores) {
	public ModelSettings {
		temperature = temperature == null ? Optional.empty() : temperature;
		fileSearchVectorStores = fileSearchVectorStores == null ? List.of() : List.copyOf(fileSearchVectorStores);
	}
}
