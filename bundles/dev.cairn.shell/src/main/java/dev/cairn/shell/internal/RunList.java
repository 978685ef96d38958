package dev.cairn.shell.internal;

import java.util.List;

import dev.cairn.api.store.RunRecord;

/**
 * What {@code agent:runs} returns.
 *
 * @param ledger where the runs come from
 * @param runs   newest first
 * @param plain  tab-separated output
 */
public record RunList(String ledger, List<RunRecord> runs, boolean plain) {
}
