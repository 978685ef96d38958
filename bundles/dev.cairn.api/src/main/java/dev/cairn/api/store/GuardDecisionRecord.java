package dev.cairn.api.store;

import java.time.Instant;

/**
 * A provenance or licence decision.
 *
 * @param runId         the run
 * @param stepSeq       the step it was made in (0 when before any step)
 * @param subjectKind   dependency, file, prompt, tool, ...
 * @param subject       what was checked
 * @param policy        policy name
 * @param policyVersion policy version
 * @param verdict       allow, warn, block
 * @param reason        one line
 * @param decidedAt     when
 */
public record GuardDecisionRecord(String runId, int stepSeq, String subjectKind, String subject, String policy,
		String policyVersion, String verdict, String reason, Instant decidedAt) {
}
