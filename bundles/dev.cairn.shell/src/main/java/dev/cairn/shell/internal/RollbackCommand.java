package dev.cairn.shell.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dev.cairn.api.CairnException;
import dev.cairn.api.ExitCode;
import dev.cairn.api.config.Settings;
import dev.cairn.api.store.EventRecord;
import dev.cairn.api.store.Ledger;
import dev.cairn.api.store.RunStore;
import dev.cairn.api.store.WorkspaceState;
import dev.cairn.api.workspace.Snapshot;
import dev.cairn.api.workspace.WorkspaceSnapshots;

/** {@code agent:rollback}: undoes a finished run by restoring its workspace to the snapshot taken before it. */
@Component(service = RollbackCommand.class, property = { "osgi.command.scope=agent", "osgi.command.function=rollback" })
public final class RollbackCommand {
	private final Settings settings;

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
			policyOption = ReferencePolicyOption.GREEDY)
	private volatile RunStore store;

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
			policyOption = ReferencePolicyOption.GREEDY)
	private volatile WorkspaceSnapshots snapshots;

	@Activate
	public RollbackCommand(@Reference(name = "settings") Settings settings) {
		this.settings = settings;
	}

	@Descriptor("undo a finished run: restore its workspace to the state before it ran")
	public String rollback(
			@Descriptor("restore even if the workspace changed since the run ended") @Parameter(names = "--force", presentValue = "true", absentValue = "false") boolean force,
			@Descriptor("Cairn's home (default $CAIRN_HOME or ~/.cairn)") @Parameter(names = "--home", absentValue = "") String home,
			@Descriptor("the run id (see agent:runs)") String runId) throws Exception {
		RunStore runStore = store;
		WorkspaceSnapshots snapshotter = snapshots;
		if (runStore == null || snapshotter == null) {
			throw new CairnException(ExitCode.ENVIRONMENT, "rollback needs the run ledger and the snapshot service");
		}
		Path cairnHome = settings.home(home.isBlank() ? null : home);
		Ledger ledger = runStore.ledger(cairnHome);
		var run = ledger.run(runId.trim()).orElseThrow(() -> CairnException
				.usage("no run '" + runId + "' in the ledger under " + cairnHome + "; list runs with: ./agent runs"));
		if (run.status().equals("running")) {
			throw CairnException.usage("run " + run.id() + " is still running");
		}
		WorkspaceState state = ledger.workspaceState(run.id()).orElse(null);
		if (state == null || state.before() == null) {
			throw CairnException.usage("run " + run.id() + " has no workspace snapshot to restore");
		}
		boolean unfinished = run.status().equals("interrupted");
		if (state.after() == null && !unfinished) {
			throw CairnException.usage("run " + run.id() + " " + run.status()
					+ " and its workspace was rolled back already; nothing to undo");
		}
		Path workspace = Path.of(state.workspace());
		// an interrupted run never finished, so there is no end state to compare with: restore what it started from
		if (!unfinished && !snapshotter.unchangedSince(new Snapshot(run.id(), workspace, state.after(), Instant.now()))
				&& !force) {
			throw CairnException.usage("the workspace " + workspace + " changed since run " + run.id()
					+ " ended; rolling back would discard those changes too (use --force to do it anyway)");
		}
		snapshotter.restore(new Snapshot(run.id(), workspace, state.before(), Instant.now()));
		ledger.snapshots(run.id(), state.before(), null);
		ledger.events(List.of(new EventRecord(run.id(), Instant.now(), "INFO", "workspace.rolled_back",
				Map.of("by", "agent:rollback", "forced", force))));
		return "restored " + workspace + " to its state before run " + run.id()
				+ (state.before().equals("absent") ? " (removed: the run had created it)" : "");
	}
}
