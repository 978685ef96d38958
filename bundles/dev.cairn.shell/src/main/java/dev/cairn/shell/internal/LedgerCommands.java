package dev.cairn.shell.internal;

import java.nio.file.Path;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import dev.cairn.api.CairnException;
import dev.cairn.api.ExitCode;
import dev.cairn.api.config.Settings;
import dev.cairn.api.store.Ledger;
import dev.cairn.api.store.RunDetails;
import dev.cairn.api.store.RunQuery;
import dev.cairn.api.store.RunStore;

/**
 * {@code agent:runs} and {@code agent:show}: the run ledger for people and scripts. The store is a dynamic, greedy
 * reference: a higher-ranked backend, or the one {@code store.target} in {@code configs/dev.cairn.shell.ledger.cfg}
 * selects, is bound without restarting this component.
 */
@Component(service = LedgerCommands.class, immediate = true, configurationPid = LedgerCommands.PID, property = {
		"osgi.command.scope=agent", "osgi.command.function=runs", "osgi.command.function=show" })
@Designate(ocd = LedgerCommands.Config.class)
public final class LedgerCommands {
	static final String PID = "dev.cairn.shell.ledger";

	@ObjectClassDefinition(name = "Cairn ledger commands")
	@interface Config {
		@AttributeDefinition(description = "LDAP filter choosing the run store backend, e.g. (store.kind=sqlite)")
		String store_target() default "";
	}

	private final Settings settings;

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
			policyOption = ReferencePolicyOption.GREEDY)
	private volatile RunStore store;

	@Activate
	public LedgerCommands(@Reference(name = "settings") Settings settings) {
		this.settings = settings;
	}

	private Ledger ledger(String home) {
		RunStore current = store;
		if (current == null) {
			throw new CairnException(ExitCode.ENVIRONMENT,
					"no run ledger is available (no run store backend is active; see the log)");
		}
		return current.ledger(home(home));
	}

	private Path home(String flag) {
		return settings.home(flag == null || flag.isBlank() ? null : flag);
	}

	@Descriptor("list runs from the ledger, newest first")
	public Object runs(
			@Descriptor("only runs with this status: running, succeeded, failed, interrupted") @Parameter(names = "--status", absentValue = "") String status,
			@Descriptor("only runs of this stack, e.g. fastapi") @Parameter(names = "--stack", absentValue = "") String stack,
			@Descriptor("at most this many runs (default 20)") @Parameter(names = "--limit", absentValue = "20") int limit,
			@Descriptor("print JSON instead of a table") @Parameter(names = "--json", presentValue = "true", absentValue = "false") boolean json,
			@Descriptor("tab-separated columns, no alignment or truncation") @Parameter(names = "--plain", presentValue = "true", absentValue = "false") boolean plain,
			@Descriptor("Cairn's home (default $CAIRN_HOME or ~/.cairn)") @Parameter(names = "--home", absentValue = "") String home) {
		if (limit <= 0) {
			throw CairnException.usage("--limit must be a positive number, got " + limit);
		}
		Ledger ledger = ledger(home);
		var runs = ledger.runs(new RunQuery(blankToNull(status), blankToNull(stack), limit));
		return json ? Json.write(runs) : new RunList(home(home).toString(), runs, plain);
	}

	@Descriptor("show one run: its steps, test cases, artifacts and guard decisions")
	public Object show(
			@Descriptor("print one JSON object instead of text") @Parameter(names = "--json", presentValue = "true", absentValue = "false") boolean json,
			@Descriptor("Cairn's home (default $CAIRN_HOME or ~/.cairn)") @Parameter(names = "--home", absentValue = "") String home,
			@Descriptor("the run id (see agent:runs)") String runId) {
		RunDetails details = ledger(home).details(runId.trim()).orElseThrow(() -> CairnException
				.usage("no run '" + runId + "' in the ledger under " + home(home) + "; list runs with: ./agent runs"));
		return json ? Json.write(details) : new RunView(home(home).toString(), details);
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}
}
