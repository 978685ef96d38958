package dev.cairn.agent.testing.internal;

import java.io.IOException;

import dev.cairn.api.CairnException;
import dev.cairn.api.ExitCode;
import dev.cairn.api.agent.Keys;
import dev.cairn.api.agent.RunContext;
import dev.cairn.api.agent.WorkspaceTools;
import dev.cairn.api.model.ModelException;
import dev.cairn.api.model.ModelRequest;
import dev.cairn.api.model.ModelResponse;
import dev.cairn.api.model.ModelSession;
import dev.cairn.api.template.GuardedFiles;

/**
 * The model's fix-forward: when the tests fail and no dependency heuristic applies, the model reads the failure and
 * the project and rewrites files (guarded, recorded with origin {@code model}); the tests then run once more. This
 * is the run's one fix-forward.
 */
final class ModelFix {
	static final String PURPOSE = "testing.fix";
	static final int MAX_TURNS = 8;
	static final int MAX_LOG = 6_000;

	private ModelFix() {
	}

	static void propose(RunContext ctx, ModelSession model, String testOutput) throws IOException {
		GuardedFiles files = new GuardedFiles(ctx.workspace(), ctx.runId(), ctx.step(), "model")
				.checkedBy(ctx.get(Keys.POLICY).orElse(null));
		WorkspaceTools.Toolbox box = WorkspaceTools.files(ctx, files);
		String log = testOutput.length() > MAX_LOG ? "[...]\n" + testOutput.substring(testOutput.length() - MAX_LOG) : testOutput;
		ModelRequest request = ModelRequest.builder(PURPOSE).instructions("""
				You are the Testing agent of Cairn. The project's tests fail. Find the cause from the test output and the \
				files, and fix the project's code with write_file (whole files). Change a test only when the test itself is \
				wrong. Do not change dependency pins. Answer with one sentence saying what you changed.""")
				.user("Test output:\n" + log).tools(box.tools()).build();
		try {
			ModelResponse answer = model.converse(request, box.functions(), MAX_TURNS);
			String text = answer.text().strip().replace('\n', ' ');
			ctx.progress("fix-forward (model): " + files.artifacts().size() + " files changed"
					+ (text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) + "..." : text)));
		} catch (ModelException e) {
			throw new CairnException(ExitCode.MODEL, e.getMessage());
		} finally {
			ctx.ledger().artifacts(files.artifacts());
			files.decisions().forEach(ctx.ledger()::decision);
		}
	}
}
