package dev.cairn.api.agent;

import org.osgi.annotation.versioning.ConsumerType;

import dev.cairn.api.CairnException;

/**
 * One agent role's work on a run. Register implementations as services with the {@code agent.role} and
 * {@code agent.id} properties; the orchestrator pins the highest-ranked agent per role when a run starts.
 * <p>
 * An agent reads what earlier roles left in the {@link RunContext} and adds its own results. It signals a failure
 * the user must see by throwing {@link CairnException} with the matching exit code; any other exception is treated
 * as retryable only if it is a {@link RetryableException}.
 */
@ConsumerType
public interface Agent {
	/** Does this role's work. Must honour {@link RunContext#cancelled()} between long steps. */
	void execute(RunContext context) throws Exception;
}
