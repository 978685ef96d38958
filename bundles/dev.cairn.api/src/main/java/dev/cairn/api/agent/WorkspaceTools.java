package dev.cairn.api.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import dev.cairn.api.model.ModelSession;
import dev.cairn.api.model.ModelTool;
import dev.cairn.api.template.GuardedFiles;

/**
 * The file tools every agent offers a model: {@code list_files}, {@code read_file} and {@code write_file} over the
 * run's workspace, through {@link GuardedFiles} (path checks, the run's guard policy, artifact records) with each
 * write's checks traced as guardrail spans.
 */
public final class WorkspaceTools {
	/** Folders rebuilt by the project's own tools: never listed. */
	public static final Set<String> SKIP = Set.of(".git", ".venv", "node_modules", "__pycache__", ".pytest_cache", ".next");
	static final int MAX_READ = 64 * 1024;

	/** Tools to offer and the functions that run them. */
	public record Toolbox(List<ModelTool> tools, Map<String, ModelSession.ToolFunction> functions) {
		public Toolbox {
			tools = new ArrayList<>(tools);
			functions = new LinkedHashMap<>(functions);
		}

		/** Adds one more function tool. */
		public Toolbox with(ModelTool tool, ModelSession.ToolFunction function) {
			tools.add(tool);
			functions.put(tool.name(), function);
			return this;
		}
	}

	private WorkspaceTools() {
	}

	public static Toolbox files(RunContext ctx, GuardedFiles files) {
		Path workspace = ctx.workspace();
		Toolbox box = new Toolbox(List.of(), Map.of());
		box.with(ModelTool.function("list_files", "Lists the project's files (relative paths).",
				"{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}"),
				args -> String.join("\n", list(workspace)));
		box.with(ModelTool.function("read_file", "Reads one file of the project as text.",
				"{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"],\"additionalProperties\":false}"),
				args -> {
					String path = string(args, "path");
					Path p = files.resolve(path);
					if (!Files.isRegularFile(p)) {
						return "error: no file " + path;
					}
					byte[] bytes = Files.readAllBytes(p);
					String text = new String(bytes, 0, Math.min(bytes.length, MAX_READ), StandardCharsets.UTF_8);
					return bytes.length > MAX_READ ? text + "\n[... cut at " + MAX_READ + " bytes]" : text;
				});
		box.with(ModelTool.function("write_file", "Writes (creates or replaces) one file of the project. When the content "
				+ "comes from somewhere else (a web page, a repository, a search result), give its URL as source.",
				"{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"},\"content\":{\"type\":\"string\"},"
						+ "\"source\":{\"type\":\"string\"}},\"required\":[\"path\",\"content\"],\"additionalProperties\":false}"),
				args -> {
					String path = string(args, "path");
					byte[] content = string(args, "content").getBytes(StandardCharsets.UTF_8);
					String source = optional(args, "source");
					Instant start = Instant.now();
					int before = files.decisions().size();
					try {
						files.write(path, content, source);
					} finally {
						files.decisions().stream().skip(before).forEach(d -> ctx.span("guardrail", "file:" + d.subject(), start,
								Map.of("policy", d.policy() + " " + d.policyVersion(), "verdict", d.verdict(), "reason",
										String.valueOf(d.reason()), "triggered", d.verdict().equals("block"))));
					}
					ctx.progress("model: wrote " + path + " (" + content.length + " bytes)");
					return "wrote " + content.length + " bytes to " + path;
				});
		return box;
	}

	/** The workspace's files, sorted, without rebuilt folders; at most 500. */
	public static List<String> list(Path workspace) throws IOException {
		List<String> paths = new ArrayList<>();
		try (Stream<Path> walk = Files.walk(workspace)) {
			walk.filter(Files::isRegularFile).map(p -> workspace.relativize(p).toString())
					.filter(p -> Stream.of(p.split("/")).noneMatch(SKIP::contains)).sorted().limit(500).forEach(paths::add);
		}
		return paths;
	}

	/** A string argument; fails when it is missing. */
	public static String string(Map<String, Object> arguments, String name) {
		String v = optional(arguments, name);
		if (v == null) {
			throw new IllegalArgumentException("missing string argument '" + name + "'");
		}
		return v;
	}

	/** A string argument, or {@code null} when absent or blank. */
	public static String optional(Map<String, Object> arguments, String name) {
		Object v = arguments.get(name);
		return v instanceof String s && !s.isBlank() ? s : null;
	}
}
