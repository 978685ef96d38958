package dev.cairn.api.model;

import org.osgi.annotation.versioning.ConsumerType;

/** Progress of a streamed call, for the user's console. Called on the calling thread. */
@ConsumerType
public interface ModelListener {
	ModelListener NONE = new ModelListener() {
	};

	/** Output text arrived ({@code chars} characters of it). */
	default void streamed(int chars) {
	}

	/** The model started a tool call. */
	default void toolCall(String name) {
	}

	/** A rate limit or server error is being retried after {@code delayMillis}. */
	default void retrying(int attempt, long delayMillis, String reason) {
	}
}
