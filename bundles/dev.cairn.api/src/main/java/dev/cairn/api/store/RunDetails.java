package dev.cairn.api.store;

import java.util.List;
import java.util.Optional;

/**
 * Everything recorded about one run, as {@code agent:show} presents it.
 */
public record RunDetails(RunRecord run, List<StepRecord> steps, List<TestCaseRecord> tests,
		List<ArtifactRecord> artifacts, List<GuardDecisionRecord> decisions, List<ModelCallRecord> modelCalls,
		List<DependencyRecord> dependencies, Optional<EnvironmentRecord> environment, long events, long spans) {
}
