package dev.cairn.api.store;

/**
 * One dependency of the generated project (its SBOM).
 *
 * @param runId   the run
 * @param name    package name
 * @param version resolved version
 * @param purl    package URL, e.g. {@code pkg:pypi/fastapi@0.118.0}
 * @param licence SPDX licence expression, where known
 */
public record DependencyRecord(String runId, String name, String version, String purl, String licence) {
}
