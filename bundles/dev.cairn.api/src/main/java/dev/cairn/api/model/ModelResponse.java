package dev.cairn.api.model;

/**
 * A complete model response.
 *
 * @param id           the provider's response id
 * @param model        the model that answered
 * @param text         the output text (JSON when a schema was requested)
 * @param inputTokens  tokens the request used
 * @param outputTokens tokens the response used
 */
public record ModelResponse(String id, String model, String text, long inputTokens, long outputTokens) {
}
