package dev.cairn.agent.requirements.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cairn.api.CairnException;
import dev.cairn.api.ExitCode;
import dev.cairn.api.model.ModelException;
import dev.cairn.api.model.ModelItem;
import dev.cairn.api.model.ModelRequest;
import dev.cairn.api.model.ModelResponse;
import dev.cairn.api.model.ModelSession;

/**
 * The spec written by the model as a structured output (text.format json_schema with the published spec schema),
 * starting from the rules' draft. An answer that is not valid JSON or not valid against the schema is sent back once
 * with the validation errors; a second invalid answer ends the run with exit 4.
 */
final class ModelSpec {
	static final String PURPOSE = "requirements.spec";
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final String INSTRUCTIONS = """
			You are the Requirements agent of Cairn, a local coding pipeline. Write the specification of the project the \
			user asks for as one JSON object valid against the given JSON Schema. Start from the draft Cairn's rules \
			produced: keep its stack, template, inputs and constraints exactly; improve the title, summary, entities \
			(names in snake_case, types string|integer|number|boolean|date|datetime), user stories and testable \
			acceptance criteria so they say what the user asked for. List every assumption you make.""";

	private ModelSpec() {
	}

	static Map<String, Object> write(ModelSession model, String request, Map<String, Object> draft, SpecBuilder specs) {
		ModelRequest first;
		try {
			first = ModelRequest.builder(PURPOSE).instructions(INSTRUCTIONS)
					.user("Request:\n" + request + "\n\nDraft spec:\n" + JSON.writerWithDefaultPrettyPrinter().writeValueAsString(draft))
					.jsonSchema("project_spec", SpecBuilder.schemaText()).build();
		} catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
		try {
			ModelResponse answer = model.respond(first);
			List<String> problems = new java.util.ArrayList<>();
			Map<String, Object> spec = parse(answer.text(), draft, specs, problems);
			if (spec != null) {
				return spec;
			}
			ModelResponse retry = model.respond(first.continued(List.of(new ModelItem.Message("assistant", answer.text()),
					ModelItem.user("That answer is not valid: " + String.join("; ", problems)
							+ ". Answer again with one JSON object valid against the schema."))));
			problems.clear();
			spec = parse(retry.text(), draft, specs, problems);
			if (spec == null) {
				throw new CairnException(ExitCode.MODEL, "the model's spec is still invalid after one retry: " + problems.get(0));
			}
			return spec;
		} catch (ModelException e) {
			throw new CairnException(ExitCode.MODEL, e.getMessage());
		}
	}

	/** The validated spec, or null with the reasons in {@code problems}. */
	static Map<String, Object> parse(String text, Map<String, Object> draft, SpecBuilder specs, List<String> problems) {
		Map<String, Object> spec;
		try {
			spec = JSON.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {
			});
		} catch (JsonProcessingException e) {
			problems.add("not a JSON object (" + e.getOriginalMessage() + ")");
			return null;
		}
		if (spec == null) {
			problems.add("not a JSON object (null)");
			return null;
		}
		// what the rules decided (the installed template, the user's files, the toolchain) is not the model's to change
		for (String fixed : List.of("stack", "template", "inputs", "constraints")) {
			if (draft.containsKey(fixed)) {
				spec.put(fixed, draft.get(fixed));
			}
		}
		List<String> violations = specs.validate(spec);
		if (!violations.isEmpty()) {
			problems.addAll(violations);
			return null;
		}
		return spec;
	}
}
