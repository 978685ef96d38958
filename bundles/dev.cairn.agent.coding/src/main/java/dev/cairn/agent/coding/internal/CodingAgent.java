package dev.cairn.agent.coding.internal;

import org.osgi.service.component.annotations.Component;

import dev.cairn.api.CairnException;
import dev.cairn.api.ExitCode;
import dev.cairn.api.ServiceProperties;
import dev.cairn.api.agent.Agent;
import dev.cairn.api.agent.Keys;
import dev.cairn.api.agent.RunContext;
import dev.cairn.api.registry.Pinned;
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
			throw e;
		} catch (Exception e) {
			throw new CairnException(ExitCode.INTERNAL, "template " + template.info().id() + " "
					+ template.info().version() + " failed to render: " + e.getMessage(), e);
		}
		ctx.ledger().artifacts(files.artifacts());
		files.decisions().forEach(ctx.ledger()::decision);
		long bytes = files.artifacts().stream().mapToLong(a -> a.size()).sum();
		ctx.progress("rendered " + files.artifacts().size() + " files (" + bytes + " bytes) with "
				+ template.info().id() + " " + template.info().version() + " into " + ctx.workspace());
	}
}
