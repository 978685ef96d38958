package dev.cairn.api.model;

import org.osgi.annotation.versioning.ConsumerType;

/** A model endpoint. Registered with {@code model.provider}; vendor SDKs stay private to the implementing bundle. */
@ConsumerType
public interface ModelProvider {
	/** Sends one request; blocks until the response is complete or the call fails. */
	ModelResponse respond(ModelRequest request) throws ModelException;
}
