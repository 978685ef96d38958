package dev.cairn.api.model;

import java.util.List;
import java.util.Objects;

/**
 * A tool offered to the model: a function Cairn runs ({@code type = function}, with a JSON Schema for its
 * arguments) or a tool the server hosts ({@code code_interpreter}, {@code web_search}, {@code file_search}).
 *
 * @param type           function, code_interpreter, web_search or file_search
 * @param name           the function's name (empty for hosted tools)
 * @param description    what the function does
 * @param parameters     JSON Schema of the arguments, as text (functions only)
 * @param vectorStoreIds file_search only
 */
public record ModelTool(String type, String name, String description, String parameters, List<String> vectorStoreIds) {
	public ModelTool {
		Objects.requireNonNull(type, "type");
		name = name == null ? "" : name;
		description = description == null ? "" : description;
		parameters = parameters == null ? "" : parameters;
		vectorStoreIds = vectorStoreIds == null ? List.of() : List.copyOf(vectorStoreIds);
	}

	public static ModelTool function(String name, String description, String parametersSchema) {
		return new ModelTool("function", name, description, parametersSchema, List.of());
	}

	public static ModelTool hosted(String type, List<String> vectorStoreIds) {
		return new ModelTool(type, "", "", "", vectorStoreIds);
	}
}
