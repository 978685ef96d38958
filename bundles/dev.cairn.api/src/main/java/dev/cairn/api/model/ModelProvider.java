package dev.cairn.api.model;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A model provider, registered with {@code model.provider} (e.g. {@code openai}); vendor SDKs stay private to the
 * implementing bundle. A run {@linkplain #open() opens} an endpoint when it starts and keeps it to the end, so a
 * configuration change reaches the next run and never the one in flight.
 */
@ConsumerType
public interface ModelProvider {
	/**
	 * An endpoint with the provider's configuration as it is now. Cheap: no network traffic until the first call.
	 *
	 * @throws ModelException when the configuration cannot work (no API key in the named variable, bad base URL)
	 */
	ModelEndpoint open() throws ModelException;
}
