package dev.cairn.api.model;

import java.util.Objects;

/** One item of a conversation sent to the model: a message, a function call it made, or that call's output. */
public sealed interface ModelItem {
	/** A message; role is {@code user}, {@code assistant}, {@code system} or {@code developer}. */
	record Message(String role, String text) implements ModelItem {
		public Message {
			Objects.requireNonNull(role, "role");
			Objects.requireNonNull(text, "text");
		}
	}

	/** A function tool call the model made; {@code arguments} is a JSON object as text. */
	record FunctionCall(String callId, String name, String arguments) implements ModelItem {
		public FunctionCall {
			Objects.requireNonNull(callId, "callId");
			Objects.requireNonNull(name, "name");
			arguments = arguments == null ? "{}" : arguments;
		}
	}

	/** The output Cairn returns for a function call. */
	record FunctionOutput(String callId, String output) implements ModelItem {
		public FunctionOutput {
			Objects.requireNonNull(callId, "callId");
			output = output == null ? "" : output;
		}
	}

	static ModelItem user(String text) {
		return new Message("user", text);
	}
}
