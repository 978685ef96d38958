package dev.cairn.orchestrator.internal;

import java.util.List;

import dev.cairn.api.CairnException;
import dev.cairn.api.ExitCode;
import dev.cairn.api.model.ModelEndpoint;
import dev.cairn.api.model.ModelException;
import dev.cairn.api.model.ModelListener;
import dev.cairn.api.model.ModelRequest;
import dev.cairn.api.model.ModelResponse;
import dev.cairn.api.model.ModelSettings;
import dev.cairn.api.store.ModelCallRecord;

/**
 * Serves a recorded run's model answers in order, with no network. Each request must match the recorded one; the
 * first that does not ends the replay with exit 7, naming the call and where it differs.
 */
final class ReplayEndpoint implements ModelEndpoint {
	private final ModelSettings settings;
	private final List<ModelCallRecord> recorded;
	private final java.util.function.UnaryOperator<String> redactor;
	private int next;
	volatile String divergence;

	ReplayEndpoint(ModelSettings settings, List<ModelCallRecord> recorded, java.util.function.UnaryOperator<String> redactor) {
		this.settings = settings;
		this.recorded = List.copyOf(recorded);
		this.redactor = redactor;
	}

	@Override
	public ModelSettings settings() {
		return settings;
	}

	int served() {
		return next;
	}

	int recorded() {
		return recorded.size();
	}

	@Override
	public synchronized ModelResponse respond(ModelRequest request, ModelListener listener) throws ModelException {
		String asked = redactor.apply(ModelCodec.text(ModelCodec.request(request, settings.model())));
		if (next >= recorded.size()) {
			throw diverged("call " + (next + 1) + " (" + request.purpose() + ") was not in the recording, which has "
					+ recorded.size() + " calls");
		}
		ModelCallRecord call = recorded.get(next++);
		try {
			String where = ModelCodec.divergence(call.request(), asked);
			if (where != null) {
				String purpose = ModelCodec.JSON.readTree(call.request()).path("purpose").asText();
				throw diverged("call " + next + " (" + purpose + ") differs from the recorded request at " + where);
			}
			if (!"ok".equals(call.status())) {
				String message = ModelCodec.JSON.readTree(call.response()).path("error").asText("the recorded call failed");
				throw new ModelException(message + " (as recorded)");
			}
			return ModelCodec.response(call.response());
		} catch (com.fasterxml.jackson.core.JsonProcessingException e) {
			throw new ModelException("recorded call " + next + " cannot be read: " + e.getOriginalMessage());
		}
	}

	private CairnException diverged(String message) {
		divergence = message;
		return new CairnException(ExitCode.DIVERGED, "replay diverged: " + message);
	}
}
