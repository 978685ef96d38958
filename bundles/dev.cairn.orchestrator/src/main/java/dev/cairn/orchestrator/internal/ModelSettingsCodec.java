package dev.cairn.orchestrator.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.cairn.api.model.ModelSettings;

/** Model settings as recorded with a run (event {@code model.settings}); the API key is never among them. */
final class ModelSettingsCodec {
	private ModelSettingsCodec() {
	}

	static Map<String, Object> toMap(ModelSettings s) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("provider", s.provider());
		m.put("base_url", s.baseUrl());
		m.put("model", s.model());
		m.put("api_key_variable", s.apiKeyVariable());
		m.put("timeout_s", s.timeout().toSeconds());
		m.put("max_retries", s.maxRetries());
		s.temperature().ifPresent(t -> m.put("temperature", t));
		m.put("max_output_tokens", s.maxOutputTokens());
		m.put("token_budget", s.tokenBudget());
		m.put("stream", s.stream());
		m.put("code_interpreter", s.codeInterpreter());
		m.put("web_search", s.webSearch());
		m.put("file_search_vector_stores", s.fileSearchVectorStores());
		return m;
	}

	@SuppressWarnings("unchecked")
	static ModelSettings fromMap(Map<String, Object> m) {
		Object t = m.get("temperature");
		Object stores = m.get("file_search_vector_stores");
		return new ModelSettings(str(m, "provider", "openai"), "replay", str(m, "model", ""),
				str(m, "api_key_variable", ""), Duration.ofSeconds(num(m, "timeout_s", 60)), (int) num(m, "max_retries", 0),
				t instanceof Number n ? Optional.of(n.doubleValue()) : Optional.empty(), (int) num(m, "max_output_tokens", 0),
				0, false, str(m, "code_interpreter", "off"), Boolean.TRUE.equals(m.get("web_search")),
				stores instanceof List<?> l ? (List<String>) l : List.of());
	}

	private static String str(Map<String, Object> m, String key, String fallback) {
		Object v = m.get(key);
		return v == null ? fallback : v.toString();
	}

	private static long num(Map<String, Object> m, String key, long fallback) {
		return m.get(key) instanceof Number n ? n.longValue() : fallback;
	}
}
