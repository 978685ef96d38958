package dev.cairn.api.workspace;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/** Takes a snapshot of a workspace before a run and restores it on rollback, byte for byte. */
@ProviderType
public interface WorkspaceSnapshots {
	/** Records the current state of {@code workspace} (which may not exist yet) for run {@code runId}. */
	Snapshot take(String runId, Path workspace) throws IOException;

	/** Restores the workspace to {@code snapshot}: changed files back, new files removed, deleted files back. */
	void restore(Snapshot snapshot) throws IOException;

	/** True when the workspace holds exactly what {@code snapshot} recorded (rebuildable folders aside). */
	boolean unchangedSince(Snapshot snapshot) throws IOException;

	/** The change made since {@code snapshot}, as a unified diff (empty when the workspace did not exist). */
	String patch(Snapshot snapshot) throws IOException;
}
