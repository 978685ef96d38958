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

	/** The record for {@code content} written at {@code path}: its size and SHA-256 computed here. */
	public static ArtifactRecord of(String runId, String path, byte[] content, int stepSeq, String origin) {
		return new ArtifactRecord(runId, path, content.length, sha256(content), stepSeq, origin, null, null);
	}

	/** Lower-case hex SHA-256 of {@code content}. */
	public static String sha256(byte[] content) {
		try {
			return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
		} catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
		}
	}
}
