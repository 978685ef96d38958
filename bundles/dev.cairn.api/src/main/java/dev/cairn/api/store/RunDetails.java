package dev.cairn.api.store;

import java.util.List;
import java.util.Optional;

/**
 * Everything recorded about one run, as {@code agent:show} presents it.
 */
public record RunDetails(RunRecord run, List<StepRecord> steps, List<TestCaseRecord> tests,
		List<ArtifactRecord> artifacts, List<GuardDecisionRecord> decisions, List<ModelCallRecord> modelCalls,
		List<DependencyRecord> dependencies, Optional<EnvironmentRecord> environment, List<ProcessRecord> processes,
		long events, long spans) {
	/** Resources of every subprocess of the run, summed (peak memory is the largest single peak). */
	public record Usage(int processes, long wallMillis, long cpuMillis, long peakRss) {
	}

	public Usage usage() {
		return new Usage(processes.size(), processes.stream().mapToLong(ProcessRecord::wallMillis).sum(),
				processes.stream().mapToLong(ProcessRecord::cpuMillis).sum(),
				processes.stream().mapToLong(ProcessRecord::peakRss).max().orElse(0));
	}
}
