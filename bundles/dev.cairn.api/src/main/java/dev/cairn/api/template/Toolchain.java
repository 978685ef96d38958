package dev.cairn.api.template;

import java.util.List;

/**
 * What a template's projects need on the machine; the Requirements agent checks it before anything is written.
 *
 * @param tools required tools with minimum versions
 */
public record Toolchain(List<Tool> tools) {
	public Toolchain {
		tools = List.copyOf(tools);
	}

	/**
	 * @param name       {@code python}, {@code node}, {@code npm}, ...
	 * @param minVersion lowest acceptable version, e.g. {@code 3.11}
	 * @param purpose    why it is needed, shown when it is missing
	 */
	public record Tool(String name, String minVersion, String purpose) {
	}
}
