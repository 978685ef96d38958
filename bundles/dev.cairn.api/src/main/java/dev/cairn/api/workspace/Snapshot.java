package dev.cairn.api.workspace;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A workspace snapshot reference.
 *
 * @param runId     the run it was taken for
 * @param workspace the folder it covers
 * @param ref       the backend's reference (e.g. a commit id in a shadow repository)
 * @param takenAt   when
 */
public record Snapshot(String runId, Path workspace, String ref, Instant takenAt) {
}
