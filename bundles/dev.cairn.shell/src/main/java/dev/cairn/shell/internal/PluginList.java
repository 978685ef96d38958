package dev.cairn.shell.internal;

import java.util.List;

import dev.cairn.api.registry.PluginInfo;

/**
 * What {@code agent:agents} and {@code agent:templates} return; the shell's converter renders it as a table.
 *
 * @param kind  {@code agent} or {@code template}
 * @param items the discovered services, preferred first within each role or template id
 * @param plain plain tab-separated output instead of an aligned table
 */
public record PluginList(String kind, List<PluginInfo> items, boolean plain) {
}
