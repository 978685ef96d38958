package dev.cairn.api.model;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The model as a run sees it (from {@code RunContext.model()}): the endpoint pinned when the run started, with every
 * call recorded in the ledger (request, response, tokens, latency, retries), traced as a generation span, counted
 * against the run's token budget (exit 5 when spent), shown as progress while it streams, and served from the
 * recording when the run is a replay.
 */
@ProviderType
public interface ModelSession {
	ModelSettings settings();

	/** True when this run replays a recorded one: answers come from the ledger, nothing goes to the network. */
	boolean replaying();

	/** One call. Model failures are {@link ModelException}s; budget exhaustion and Ctrl-C end the run. */
	ModelResponse respond(ModelRequest request) throws ModelException;

	/**
	 * Runs the tool loop: sends the request, runs each function call the answer asks for with {@code functions}
	 * (each traced as a function span), sends the outputs back, and repeats until the model answers without
	 * calls or {@code maxTurns} calls were made. Returns the last response.
	 */
	ModelResponse converse(ModelRequest request, Map<String, ToolFunction> functions, int maxTurns)
			throws ModelException;

	/**
	 * The hosted tools this run may offer, each allowed by both its switch in the provider's configuration and the
	 * run's guard policy (each decision recorded). The code interpreter is here only when the server hosts it.
	 */
	List<ModelTool> hostedTools();

	/** True when the code interpreter is on and allowed but the server does not host it: offer a local run_code tool. */
	boolean localCodeInterpreter();

	/**
	 * A function the model may call, given its arguments parsed from the call's JSON object (strings, numbers,
	 * booleans, lists, maps). Its result goes back to the model as text; a failure too, as an error line.
	 */
	@FunctionalInterface
	interface ToolFunction {
		String call(Map<String, Object> arguments) throws Exception;
	}
}
