package dev.cairn.shell.internal;

import java.util.List;

/**
 * What {@code agent:version} reports.
 *
 * @param cairn   Cairn's version
 * @param java    Java runtime version and vendor
 * @param felix   the framework's version
 * @param bundles Cairn's own bundles, with versions and states
 */
public record VersionReport(String cairn, String java, String felix, List<BundleRow> bundles) {
	/** One bundle. */
	public record BundleRow(long id, String symbolicName, String version, String state) {
	}
}
