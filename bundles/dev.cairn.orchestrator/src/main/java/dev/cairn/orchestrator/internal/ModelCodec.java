package dev.cairn.orchestrator.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cairn.api.model.ModelItem;
import dev.cairn.api.model.ModelRequest;
import dev.cairn.api.model.ModelResponse;
import dev.cairn.api.model.ModelTool;

/**
 * Cairn's own, provider-neutral record of a model call: what the ledger stores and replay compares and serves. It
 * is independent of any SDK's wire classes, so a recording stays readable when the provider bundle changes.
 */
final class ModelCodec {
	static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

	/** Tools whose output carries wall times and other run-to-run noise: replay compares only their exit line. */
	static final java.util.Set<String> NOISY_TOOLS = java.util.Set.of("run_command", "run_code");

	private ModelCodec() {
	}

	static Map<String, Object> request(ModelRequest r, String model) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("purpose", r.purpose());
		m.put("model", model);
		m.put("instructions", r.instructions());
		List<Object> input = new ArrayList<>();
		for (ModelItem item : r.input()) {
			Map<String, Object> i = new LinkedHashMap<>();
			if (item instanceof ModelItem.Message msg) {
				i.put("type", "message");
				i.put("role", msg.role());
				i.put("text", msg.text());
			} else if (item instanceof ModelItem.FunctionCall call) {
				i.put("type", "function_call");
				i.put("call_id", call.callId());
				i.put("name", call.name());
				i.put("arguments", call.arguments());
			} else if (item instanceof ModelItem.FunctionOutput out) {
				i.put("type", "function_call_output");
				i.put("call_id", out.callId());
				i.put("output", out.output());
			}
			input.add(i);
		}
		m.put("input", input);
		List<Object> tools = new ArrayList<>();
		for (ModelTool t : r.tools()) {
			Map<String, Object> tm = new LinkedHashMap<>();
			tm.put("type", t.type());
			if (t.type().equals("function")) {
				tm.put("name", t.name());
				tm.put("description", t.description());
				tm.put("parameters", t.parameters());
			}
			if (!t.vectorStoreIds().isEmpty()) {
				tm.put("vector_store_ids", t.vectorStoreIds());
			}
			tools.add(tm);
		}
		m.put("tools", tools);
		r.jsonSchema().ifPresent(s -> {
			m.put("schema_name", r.schemaName());
			m.put("json_schema", s);
		});
		return m;
	}

	static String text(Object value) {
		try {
			return JSON.writeValueAsString(value);
		} catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}

	static ModelResponse response(String json) throws JsonProcessingException {
		return JSON.readValue(json, ModelResponse.class);
	}

	/**
	 * Where a request differs from the recorded one, as a JSON path, or {@code null} when they match. Outputs of
	 * {@link #NOISY_TOOLS} are compared by their first line (the exit status) only.
	 */
	static String divergence(String recorded, String replayed) throws JsonProcessingException {
		JsonNode a = JSON.readTree(recorded);
		JsonNode b = JSON.readTree(replayed);
		quiet(a);
		quiet(b);
		return diff(a, b, "");
	}

	private static void quiet(JsonNode request) {
		Map<String, String> noisyCalls = new java.util.HashMap<>();
		for (JsonNode item : request.path("input")) {
			if ("function_call".equals(item.path("type").asText()) && NOISY_TOOLS.contains(item.path("name").asText())) {
				noisyCalls.put(item.path("call_id").asText(), item.path("name").asText());
			}
			if ("function_call_output".equals(item.path("type").asText())
					&& noisyCalls.containsKey(item.path("call_id").asText())) {
				String out = item.path("output").asText();
				int nl = out.indexOf('\n');
				((com.fasterxml.jackson.databind.node.ObjectNode) item).put("output", nl < 0 ? out : out.substring(0, nl));
			}
		}
	}

	private static String diff(JsonNode a, JsonNode b, String path) {
		if (a.equals(b)) {
			return null;
		}
		if (a.isObject() && b.isObject()) {
			java.util.Set<String> names = new java.util.TreeSet<>();
			a.fieldNames().forEachRemaining(names::add);
			b.fieldNames().forEachRemaining(names::add);
			for (String n : names) {
				String d = diff(a.path(n), b.path(n), path.isEmpty() ? n : path + "." + n);
				if (d != null) {
					return d;
				}
			}
		}
		if (a.isArray() && b.isArray()) {
			for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
				String d = diff(a.path(i), b.path(i), path + "[" + i + "]");
				if (d != null) {
					return d;
				}
			}
		}
		return path.isEmpty() ? "(whole request)" : path;
	}
}
