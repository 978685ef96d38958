package dev.cairn.api.store;

/**
 * The snapshots that bracket a run's change to its workspace.
 *
 * @param runId     the run
 * @param workspace the workspace
 * @param before    snapshot taken before anything was written ({@code absent} when the folder did not exist)
 * @param after     snapshot taken when the run succeeded; {@code null} for a run that failed (and was rolled back)
 */
public record WorkspaceState(String runId, String workspace, String before, String after) {
}
