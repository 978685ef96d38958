package dev.cairn.api.model;

import java.util.List;

/**
 * A complete model response.
 *
 * @param id           the server's response id
 * @param model        the model that answered
 * @param text         the output text (JSON when a schema was requested), empty when it only called tools
 * @param calls        function calls to run, in order
 * @param hosted       hosted tool calls the server ran itself (code_interpreter, web_search, file_search)
 * @param inputTokens  tokens the request used
 * @param outputTokens tokens the response used
 * @param retries      retries the endpoint needed (rate limits, server errors)
 */
public record ModelResponse(String id, String model, String text, List<ModelItem.FunctionCall> calls,
		List<HostedCall> hosted, long inputTokens, long outputTokens, int retries) {
	public ModelResponse {
		text = text == null ? "" : text;
		calls = calls == null ? List.of() : List.copyOf(calls);
		hosted = hosted == null ? List.of() : List.copyOf(hosted);
	}

	/**
	 * A tool call the server ran itself.
	 *
	 * @param type   code_interpreter_call, web_search_call or file_search_call
	 * @param id     its item id
	 * @param status e.g. completed
	 * @param detail the code it ran, the query it searched
	 * @param output what it produced (logs, results), possibly empty
	 */
	public record HostedCall(String type, String id, String status, String detail, String output) {
	}
}
