package dev.cairn.agent.requirements.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/** Builds the spec from parsed requirements and validates it against the published JSON Schema. */
final class SpecBuilder {
	static final String SCHEMA = "/dev/cairn/agent/requirements/spec.schema.json";
	static final List<String> ALLOWED_LICENCES = List.of("MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "ISC",
			"PSF-2.0", "MPL-2.0", "Python-2.0");

	private static final ObjectMapper JSON = new ObjectMapper();
	private Schema schema;

	/** Loaded on first use: the validator is the heaviest thing this bundle carries. */
	private synchronized Schema schema() {
		if (schema == null) {
			try (InputStream in = SpecBuilder.class.getResourceAsStream(SCHEMA)) {
				schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return schema;
	}

	static String schemaText() {
		try (InputStream in = SpecBuilder.class.getResourceAsStream(SCHEMA)) {
			return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	Map<String, Object> build(String prompt, String stack, String template, List<String> inputs,
			PromptParser.Result parsed, Map<String, String> constraints) {
		Map<String, Object> spec = new LinkedHashMap<>();
		List<PromptParser.Entity> entities = parsed.entities();
		String names = entities.stream().map(e -> capital(e.plural())).collect(Collectors.joining(" and "));
		spec.put("title", names + " API");
		String summary = prompt.strip().replaceAll("\\s+", " ");
		spec.put("summary", summary.length() > 2000 ? summary.substring(0, 1997) + "..." : summary);
		spec.put("stack", stack);
		spec.put("template", template);
		spec.put("inputs", inputs);
		List<Map<String, Object>> es = new ArrayList<>();
		List<String> stories = new ArrayList<>();
		List<String> criteria = new ArrayList<>();
		for (PromptParser.Entity e : entities) {
			List<Map<String, Object>> fields = new ArrayList<>();
			for (PromptParser.Field f : e.fields()) {
				Map<String, Object> field = new LinkedHashMap<>();
				field.put("name", f.name());
				field.put("type", f.type());
				field.put("required", f.required());
				fields.add(field);
			}
			Map<String, Object> entity = new LinkedHashMap<>();
			entity.put("name", e.name());
			entity.put("plural", e.plural());
			entity.put("fields", fields);
			es.add(entity);
			stories.add("As an API client I can create, list, read, replace and delete " + e.plural() + ".");
			String required = e.fields().stream().filter(PromptParser.Field::required).map(PromptParser.Field::name)
					.findFirst().orElse(e.fields().get(0).name());
			criteria.add("Creating a " + e.name() + " with valid fields answers 201 with the stored " + e.name() + ".");
			criteria.add("Reading, replacing or deleting an unknown " + e.name() + " answers 404.");
			criteria.add("A " + e.name() + " without " + required + ", or with a field of the wrong type, answers 422.");
		}
		spec.put("entities", es);
		spec.put("user_stories", stories);
		spec.put("acceptance_criteria", criteria);
		Map<String, Object> c = new LinkedHashMap<>(constraints);
		c.put("allowed_licences", ALLOWED_LICENCES);
		spec.put("constraints", c);
		spec.put("assumptions", parsed.assumptions());
		return spec;
	}

	/** Schema violations as one line each; empty when the spec is valid. */
	List<String> validate(Map<String, Object> spec) {
		JsonNode node = JSON.valueToTree(spec);
		return schema().validate(node).stream().map(Error::toString).toList();
	}

	/** Violations of the template's own schema by the spec's {@code options}; empty when it has none or they fit. */
	List<String> validateOptions(String templateSchema, Object options) {
		if (options == null) {
			return List.of();
		}
		Schema own;
		try {
			own = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(templateSchema);
		} catch (RuntimeException e) {
			return List.of("the template's spec schema is not valid JSON Schema: " + e.getMessage());
		}
		return own.validate(JSON.valueToTree(options)).stream().map(e -> "options: " + e).toList();
	}

	private static String capital(String s) {
		return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1).replace('_', ' ');
	}
}
