package dev.cairn.api.guard;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A guard policy, registered with {@code guard.policy}. Operators swap policies through Configuration Admin; a run
 * keeps the policy it pinned when it started.
 */
@ConsumerType
public interface GuardPolicy {
	/** Policy version recorded with every decision. */
	String version();

	/** Checks one subject (a dependency, a file, an input, a tool call). */
	GuardDecision check(GuardSubject subject);
}
