package dev.cairn.agent.coding.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cairn.api.CairnException;
import dev.cairn.api.ExitCode;
import dev.cairn.api.agent.Keys;
import dev.cairn.api.agent.RunContext;
import dev.cairn.api.agent.WorkspaceTools;
import dev.cairn.api.template.GuardedFiles;
import dev.cairn.api.model.ModelException;
import dev.cairn.api.model.ModelRequest;
import dev.cairn.api.model.ModelResponse;
import dev.cairn.api.model.ModelSession;
import dev.cairn.api.model.ModelTool;
import dev.cairn.api.process.ProcessResult;
import dev.cairn.api.process.ProcessSpec;

/**
 * The model's refinement of a rendered project: a tool loop with list_files, read_file, write_file and run_command
 * (and run_code when the server hosts no code interpreter). Reads and writes go through {@link GuardedFiles} (path
 * checks, the run's guard policy, artifacts with origin {@code model}); commands run in the run's sandboxed executor.
 * A refused write or failed command is told to the model, which may correct itself; it is on record either way.
 */
final class ModelCoder {
	static final String PURPOSE = "coding.refine";
	static final int MAX_TURNS = 16;
	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String INSTRUCTIONS = """
			You are the Coding agent of Cairn. A project was generated from a tested template into the workspace. Refine \
			it so it meets the spec's user stories and acceptance criteria: read what is there, change or add files with \
			write_file (whole-file content, paths relative to the workspace), and keep the project's tests passing. Keep \
			changes small and keep the template's structure, commands and dependency pins. Never write secrets, and never \
			copy code under a licence other than the project's. When done, answer with a short summary of what you \
			changed and why.""";

	private ModelCoder() {
	}

	static void refine(RunContext ctx, ModelSession model, Map<String, Object> spec, GuardedFiles files) throws IOException {
		Path workspace = ctx.workspace();
		WorkspaceTools.Toolbox box = WorkspaceTools.files(ctx, files);
		box.with(ModelTool.function("run_command",
				"Runs a command (argv, no shell) in the project folder, sandboxed, without network; returns its exit code and output.",
				"{\"type\":\"object\",\"properties\":{\"argv\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},"
						+ "\"required\":[\"argv\"],\"additionalProperties\":false}"),
				args -> {
					List<String> argv = args.get("argv") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
					if (argv.isEmpty()) {
						return "error: argv is empty";
					}
					return run(ctx, argv, workspace, Duration.ofSeconds(120));
				});
		if (model.localCodeInterpreter()) {
			box.with(ModelTool.function("run_code",
					"Runs a Python snippet in a sandbox (no network, the project folder is the working directory); returns its output.",
					"{\"type\":\"object\",\"properties\":{\"code\":{\"type\":\"string\"}},\"required\":[\"code\"],\"additionalProperties\":false}"),
					args -> {
						Path dir = Files.createDirectories(ctx.runDirectory().resolve("code"));
						Path script = Files.createTempFile(dir, "snippet-", ".py");
						Files.writeString(script, WorkspaceTools.string(args, "code"));
						String python = ctx.get(Keys.TOOLS).map(t -> t.get("python")).orElse("python3");
						return run(ctx, List.of(python, script.toString()), workspace, Duration.ofSeconds(60));
					});
		}
		List<ModelTool> tools = new ArrayList<>(box.tools());
		tools.addAll(model.hostedTools());

		ModelRequest request = ModelRequest.builder(PURPOSE).instructions(INSTRUCTIONS)
				.user("Spec:\n" + JSON.writerWithDefaultPrettyPrinter().writeValueAsString(spec) + "\n\nFiles:\n"
						+ String.join("\n", WorkspaceTools.list(workspace)))
				.tools(tools).build();
		ModelResponse last;
		try {
			last = model.converse(request, box.functions(), MAX_TURNS);
		} catch (ModelException e) {
			throw new CairnException(ExitCode.MODEL, e.getMessage());
		}
		for (ModelResponse.HostedCall h : last.hosted()) {
			ctx.progress("model: " + h.type() + " " + h.status());
		}
		if (!last.text().isBlank()) {
			String summary = last.text().strip();
			// progress is redacted and recorded; the whole answer is in the ledger's model call
			ctx.progress("model: " + (summary.length() > 200 ? summary.substring(0, 200) + "..." : summary).replace('\n', ' '));
		}
	}

	private static String run(RunContext ctx, List<String> argv, Path dir, Duration timeout) throws IOException,
			InterruptedException {
		Path out = Files.createDirectories(ctx.runDirectory().resolve("logs")).resolve("model-command.log");
		ProcessResult r = ctx.processes().run(new ProcessSpec(argv, dir, Map.of(), timeout, false, out));
		StringBuilder b = new StringBuilder("exit " + r.exitCode() + (r.timedOut() ? " (timed out)" : "") + "\n");
		for (Path p : new Path[] { r.stdout(), r.stderr() }) {
			if (p != null && Files.isRegularFile(p)) {
				String text = Files.readString(p, StandardCharsets.UTF_8);
				b.append(text.length() > 8000 ? "[...]\n" + text.substring(text.length() - 8000) : text);
			}
		}
		return b.toString();
	}

}
