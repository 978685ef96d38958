package dev.cairn.template.fastapi.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the spec's entities into what the FreeMarker templates read: Python and SQL types, table and class names,
 * and two deterministic sample values per field for the generated tests.
 */
final class Model {
	private Model() {
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> of(Map<String, Object> spec) {
		List<Map<String, Object>> entities = new ArrayList<>();
		boolean usesDate = false;
		for (Map<String, Object> entity : (List<Map<String, Object>>) spec.get("entities")) {
			String name = (String) entity.get("name");
			String plural = (String) entity.get("plural");
			List<Map<String, Object>> fields = new ArrayList<>();
			String firstRequired = null;
			String invalidField = null;
			String invalidValue = null;
			for (Map<String, Object> field : (List<Map<String, Object>>) entity.get("fields")) {
				String fieldName = (String) field.get("name");
				String type = (String) field.get("type");
				boolean required = !Boolean.FALSE.equals(field.get("required"));
				Map<String, Object> f = new LinkedHashMap<>();
				f.put("name", fieldName);
				f.put("type", type);
				f.put("required", required);
				f.put("pyType", switch (type) {
					case "int" -> "int";
					case "float" -> "float";
					case "bool" -> "bool";
					case "date" -> "date";
					default -> "str";
				});
				f.put("sqlType", switch (type) {
					case "int", "bool" -> "INTEGER";
					case "float" -> "REAL";
					default -> "TEXT";
				});
				f.put("sample", sample(fieldName, type, 1));
				f.put("sample2", sample(fieldName, type, 2));
				usesDate |= type.equals("date");
				if (required && firstRequired == null) {
					firstRequired = fieldName;
				}
				if (invalidField == null) {
					invalidField = fieldName;
					invalidValue = type.equals("str") ? "12345" : "\"not-a-" + type + "\"";
				}
				fields.add(f);
			}
			Map<String, Object> e = new LinkedHashMap<>();
			e.put("name", name);
			e.put("plural", plural);
			e.put("table", plural);
			e.put("upper", name.toUpperCase(Locale.ROOT));
			e.put("className", className(name));
			e.put("fields", fields);
			e.put("requiredField", firstRequired);
			e.put("invalidField", invalidField);
			e.put("invalidValue", invalidValue);
			entities.add(e);
		}
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("spec", spec);
		model.put("entities", entities);
		model.put("usesDate", usesDate);
		return model;
	}

	static String className(String snake) {
		StringBuilder b = new StringBuilder();
		for (String part : snake.split("_")) {
			if (!part.isEmpty()) {
				b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
			}
		}
		return b.toString();
	}

	/** A Python literal: variant 1 for creation, variant 2 for replacement. */
	static String sample(String field, String type, int variant) {
		return switch (type) {
			case "int" -> field.contains("year") ? String.valueOf(2023 + variant) : String.valueOf(6 + variant);
			case "float" -> variant == 1 ? "9.5" : "12.25";
			case "bool" -> variant == 1 ? "True" : "False";
			case "date" -> variant == 1 ? "\"2024-01-15\"" : "\"2024-02-20\"";
			default -> "\"" + className(field).replace("\"", "") + " " + variant + "\"";
		};
	}
}
