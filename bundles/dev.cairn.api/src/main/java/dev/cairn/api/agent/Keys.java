package dev.cairn.api.agent;

import java.util.Map;

import dev.cairn.api.registry.Pinned;
import dev.cairn.api.template.StackTemplate;

/** The attributes the four roles hand along in the {@link RunContext}. */
public final class Keys {
	/** The validated spec (JSON object as maps and lists), written by the Requirements agent. */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	public static final RunContext.Key<Map<String, Object>> SPEC = (RunContext.Key) RunContext.Key.of("spec", Map.class);

	/** The template chosen for the run, written by the Requirements agent. */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	public static final RunContext.Key<Pinned<StackTemplate>> TEMPLATE = (RunContext.Key) RunContext.Key.of("template",
			Pinned.class);

	/** Tool name to resolved path/version found by the environment check (e.g. python -> /usr/bin/python3). */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	public static final RunContext.Key<Map<String, String>> TOOLS = (RunContext.Key) RunContext.Key.of("tools", Map.class);

	/** Package index arguments for pip, as found reachable by the environment check. */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	public static final RunContext.Key<java.util.List<String>> PIP_INDEX = (RunContext.Key) RunContext.Key.of("pip.index",
			java.util.List.class);

	/** Test totals: passed, failed, skipped, written by the Testing agent. */
	public static final RunContext.Key<TestTotals> TESTS = RunContext.Key.of("tests", TestTotals.class);

	/** The zip the Documentation agent packaged. */
	public static final RunContext.Key<java.nio.file.Path> DIST = RunContext.Key.of("dist", java.nio.file.Path.class);

	/** The workspace snapshot taken before anything was written, by the orchestrator. */
	public static final RunContext.Key<dev.cairn.api.workspace.Snapshot> SNAPSHOT = RunContext.Key.of("snapshot",
			dev.cairn.api.workspace.Snapshot.class);

	/**
	 * The guard policy pinned when the run started (the {@code policy} setting); absent when no policy is installed.
	 * Agents check dependencies, files and tool calls against it and record each decision in the ledger.
	 */
	public static final RunContext.Key<dev.cairn.api.guard.GuardPolicy> POLICY = RunContext.Key.of("policy",
			dev.cairn.api.guard.GuardPolicy.class);

	/** Test totals. */
	public record TestTotals(int passed, int failed, int skipped) {
	}

	private Keys() {
	}
}
