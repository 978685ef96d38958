package dev.cairn.api.store;

/**
 * A file the run wrote or changed.
 *
 * @param runId     the run
 * @param path      workspace-relative path with {@code /} separators
 * @param size      bytes
 * @param sha256    hex SHA-256 of the content
 * @param stepSeq   the producing step
 * @param origin    template, model or tool
 * @param licence   licence decision (SPDX id) where known
 * @param sourceUrl where the content came from, where known
 */
public record ArtifactRecord(String runId, String path, long size, String sha256, int stepSeq, String origin,
		String licence, String sourceUrl) {
}
