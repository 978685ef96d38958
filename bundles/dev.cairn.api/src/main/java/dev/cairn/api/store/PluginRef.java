package dev.cairn.api.store;

/**
 * The identity of a pinned plug-in service: what a run recorded it used.
 *
 * @param id            template or agent id
 * @param version       its version
 * @param bundle        bundle symbolic name
 * @param bundleVersion bundle version
 */
public record PluginRef(String id, String version, String bundle, String bundleVersion) {
}
