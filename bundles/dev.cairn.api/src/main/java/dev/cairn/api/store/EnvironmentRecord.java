package dev.cairn.api.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The environment a run saw.
 *
 * @param runId        the run
 * @param os           operating system and version
 * @param java         Java version
 * @param python       Python version, when found
 * @param node         Node version, when found
 * @param tools        tool name to path (and version)
 * @param envNames     names of relevant environment variables; never their values
 * @param packageIndex package index settings (pip index URL, npm registry)
 * @param isolation    sandbox used for subprocesses (none, bubblewrap)
 * @param snapshotRef  the workspace snapshot taken before the run
 * @param capturedAt   when
 */
public record EnvironmentRecord(String runId, String os, String java, String python, String node,
		Map<String, String> tools, List<String> envNames, String packageIndex, String isolation, String snapshotRef,
		Instant capturedAt) {
	public EnvironmentRecord {
		tools = tools == null ? Map.of() : Map.copyOf(tools);
		envNames = envNames == null ? List.of() : List.copyOf(envNames);
	}
}
