package dev.cairn.agent.coding.internal;

import org.osgi.service.component.annotations.Component;

import dev.cairn.api.CairnException;
import dev.cairn.api.ExitCode;
import dev.cairn.api.ServiceProperties;
import dev.cairn.api.agent.Agent;
import dev.cairn.api.agent.Keys;
import dev.cairn.api.agent.RunContext;
import dev.cairn.api.registry.Pinned;
import dev.cairn.api.template.GuardedFiles;
import dev.cairn.api.template.StackTemplate;

/**
 * Coding: renders the pinned template with the spec into the workspace through {@link GuardedFiles}, and records
 * every file as an artifact (origin {@code template}).
 */
@Component(property = { ServiceProperties.AGENT_ROLE + "=coding", ServiceProperties.AGENT_ID + "=template-coder" })
public final class CodingAgent implements Agent {
	@Override
	public void execute(RunContext ctx) throws Exception {
		Pinned<StackTemplate> template = ctx.get(Keys.TEMPLATE)
				.orElseThrow(() -> new CairnException(ExitCode.INTERNAL, "no template was chosen before coding"));
		var spec = ctx.get(Keys.SPEC)
				.orElseThrow(() -> new CairnException(ExitCode.INTERNAL, "no spec was written before coding"));
		GuardedFiles files = new GuardedFiles(ctx.workspace(), ctx.runId(), ctx.step(), "template")
				.checkedBy(ctx.get(Keys.POLICY).orElse(null));
		try {
			template.service().render(spec, files);
		} catch (CairnException e) {
			files.decisions().forEach(ctx.ledger()::decision); // the refusal is on record before the rollback
			traced(ctx, files.decisions());
			throw e;
		} catch (Exception e) {
			throw new CairnException(ExitCode.INTERNAL, "template " + template.info().id() + " "
					+ template.info().version() + " failed to render: " + e.getMessage(), e);
		}
		ctx.ledger().artifacts(files.artifacts());
		files.decisions().forEach(ctx.ledger()::decision);
		traced(ctx, files.decisions());
		long bytes = files.artifacts().stream().mapToLong(a -> a.size()).sum();
		ctx.progress("rendered " + files.artifacts().size() + " files (" + bytes + " bytes) with "
				+ template.info().id() + " " + template.info().version() + " into " + ctx.workspace());
		if (ctx.model().isPresent()) {
			GuardedFiles byModel = new GuardedFiles(ctx.workspace(), ctx.runId(), ctx.step(), "model")
					.checkedBy(ctx.get(Keys.POLICY).orElse(null));
			try {
				ModelCoder.refine(ctx, ctx.model().get(), spec, byModel);
			} finally {
				// what the model wrote, and every check of it, is on record even when the run stops here
				ctx.ledger().artifacts(byModel.artifacts());
				byModel.decisions().forEach(ctx.ledger()::decision);  // their guardrail spans are written as they happen
			}
			ctx.progress("model: " + byModel.artifacts().size() + " files written or changed");
		}
	}

	/** One guardrail span per check of a rendered file. */
	static void traced(RunContext ctx, java.util.List<dev.cairn.api.store.GuardDecisionRecord> decisions) {
		for (var d : decisions) {
			ctx.span("guardrail", "file:" + d.subject(), d.decidedAt(), java.util.Map.of("policy",
					d.policy() + " " + d.policyVersion(), "verdict", d.verdict(), "reason", String.valueOf(d.reason()),
					"triggered", d.verdict().equals("block")));
		}
	}
}
