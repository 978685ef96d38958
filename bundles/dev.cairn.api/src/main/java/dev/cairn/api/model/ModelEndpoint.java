package dev.cairn.api.model;

import org.osgi.annotation.versioning.ConsumerType;

/** A configured connection to one model server; immutable settings, safe to use from the run's threads. */
@ConsumerType
public interface ModelEndpoint extends AutoCloseable {
	/** What this endpoint was opened with (never the API key). */
	ModelSettings settings();

	/**
	 * Sends one request and blocks until the response is complete; streams when the settings say so, reporting
	 * progress to {@code listener}. An interrupt of the calling thread stops the call.
	 *
	 * @throws ModelException one clear line: auth failure, unknown model, unreachable server, timeout, malformed
	 *                        output, or a rate limit / server error still failing after the configured retries
	 */
	ModelResponse respond(ModelRequest request, ModelListener listener) throws ModelException;

	@Override
	default void close() {
	}
}
