package dev.cairn.api.guard;

import java.util.Map;

/**
 * What a guard is asked about.
 *
 * @param kind       e.g. {@code dependency}, {@code file}, {@code prompt}, {@code tool}
 * @param name       the subject's name (package, path, tool)
 * @param attributes further facts (version, licence, source URL)
 */
public record GuardSubject(String kind, String name, Map<String, String> attributes) {
	public GuardSubject {
		attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
	}
}
