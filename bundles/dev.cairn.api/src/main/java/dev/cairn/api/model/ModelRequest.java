package dev.cairn.api.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable model request; build it with {@link #builder(String)}. The model, temperature and token limits come
 * from the endpoint's {@link ModelSettings}.
 *
 * @param purpose      what the call is for, e.g. {@code requirements.spec}; names the call in traces and replay reports
 * @param instructions system-level instructions
 * @param input        the conversation so far (stateless: every turn is sent whole, as local servers need)
 * @param tools        tools the model may call
 * @param schemaName   the structured output's name, when {@code jsonSchema} is set
 * @param jsonSchema   when present, the answer must be JSON valid against this schema (text.format json_schema)
 */
public record ModelRequest(String purpose, String instructions, List<ModelItem> input, List<ModelTool> tools,
		String schemaName, Optional<String> jsonSchema) {

	public ModelRequest {
		Objects.requireNonNull(purpose, "purpose");
		instructions = instructions == null ? "" : instructions;
		input = List.copyOf(input);
		tools = tools == null ? List.of() : List.copyOf(tools);
		schemaName = schemaName == null ? "answer" : schemaName;
		jsonSchema = jsonSchema == null ? Optional.empty() : jsonSchema;
	}

	/** The same request with {@code more} items appended to the conversation. */
	public ModelRequest continued(List<? extends ModelItem> more) {
		List<ModelItem> all = new ArrayList<>(input);
		all.addAll(more);
		return new ModelRequest(purpose, instructions, all, tools, schemaName, jsonSchema);
	}

	public static Builder builder(String purpose) {
		return new Builder(purpose);
	}

	public static final class Builder {
		private final String purpose;
		private String instructions = "";
		private final List<ModelItem> input = new ArrayList<>();
		private final List<ModelTool> tools = new ArrayList<>();
		private String schemaName;
		private String jsonSchema;

		Builder(String purpose) {
			this.purpose = purpose;
		}

		public Builder instructions(String instructions) {
			this.instructions = instructions;
			return this;
		}

		public Builder user(String text) {
			input.add(ModelItem.user(text));
			return this;
		}

		public Builder item(ModelItem item) {
			input.add(item);
			return this;
		}

		public Builder tool(ModelTool tool) {
			tools.add(tool);
			return this;
		}

		public Builder tools(List<ModelTool> more) {
			tools.addAll(more);
			return this;
		}

		public Builder jsonSchema(String name, String schema) {
			this.schemaName = name;
			this.jsonSchema = schema;
			return this;
		}

		public ModelRequest build() {
			return new ModelRequest(purpose, instructions, input, tools, schemaName, Optional.ofNullable(jsonSchema));
		}
	}
}
