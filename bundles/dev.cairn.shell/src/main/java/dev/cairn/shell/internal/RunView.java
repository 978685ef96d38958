package dev.cairn.shell.internal;

import dev.cairn.api.store.RunDetails;

/**
 * What {@code agent:show} returns.
 *
 * @param ledger  where the run comes from
 * @param details the run and everything recorded about it
 */
public record RunView(String ledger, RunDetails details) {
}
