package dev.cairn.api.guard;

/**
 * A recorded guard verdict.
 *
 * @param verdict       allow, warn or block
 * @param policy        the policy's name
 * @param policyVersion the policy's version
 * @param reason        one line a user can read
 */
public record GuardDecision(Verdict verdict, String policy, String policyVersion, String reason) {
	public enum Verdict {
		ALLOW, WARN, BLOCK
	}
}
