package dev.cairn.api.model;

import java.util.Objects;
import java.util.Optional;

/**
 * An immutable model request; build it with {@link #builder()}.
 *
 * @param model           model name, e.g. {@code gpt-5-mini}; empty means the provider's configured default
 * @param instructions    system-level instructions
 * @param input           the user-level input
 * @param jsonSchema      when present, the response must be JSON valid against this schema (structured output)
 * @param temperature     sampling temperature, when set
 * @param maxOutputTokens upper bound on output tokens, 0 for the provider default
 */
public record ModelRequest(String model, String instructions, String input, Optional<String> jsonSchema,
		Optional<Double> temperature, int maxOutputTokens) {

	public ModelRequest {
		model = model == null ? "" : model;
		instructions = instructions == null ? "" : instructions;
		Objects.requireNonNull(input, "input");
		jsonSchema = jsonSchema == null ? Optional.empty() : jsonSchema;
		temperature = temperature == null ? Optional.empty() : temperature;
	}

	public static Builder builder() {
		return new Builder();
	}

	public static final class Builder {
		private String model = "";
		private String instructions = "";
		private String input;
		private String jsonSchema;
		private Double temperature;
		private int maxOutputTokens;

		public Builder model(String model) {
			this.model = model;
			return this;
		}

		public Builder instructions(String instructions) {
			this.instructions = instructions;
			return this;
		}

		public Builder input(String input) {
			this.input = input;
			return this;
		}

		public Builder jsonSchema(String jsonSchema) {
			this.jsonSchema = jsonSchema;
			return this;
		}

		public Builder temperature(double temperature) {
			this.temperature = temperature;
			return this;
		}

		public Builder maxOutputTokens(int maxOutputTokens) {
			this.maxOutputTokens = maxOutputTokens;
			return this;
		}

		public ModelRequest build() {
			return new ModelRequest(model, instructions, input, Optional.ofNullable(jsonSchema),
					Optional.ofNullable(temperature), maxOutputTokens);
		}
	}
}
