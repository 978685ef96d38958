package dev.cairn.api.registry;

/**
 * A service pinned for one run, with what identifies it in the ledger.
 *
 * @param service the service object; the run uses this one instance even if a newer one arrives
 * @param info    the identity recorded for the run
 */
public record Pinned<S>(S service, PluginInfo info) {
}
