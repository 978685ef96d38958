package dev.cairn.api.template;

import java.util.List;
import java.util.Objects;

/**
 * What a template declares about itself.
 *
 * @param id          stable id, e.g. {@code fastapi-crud}
 * @param stack       the stack it builds, e.g. {@code fastapi}
 * @param version     template version (OSGi syntax)
 * @param description one line shown in {@code agent:templates}
 * @param keywords    words in a prompt that suggest this template
 */
public record TemplateDescriptor(String id, String stack, String version, String description, List<String> keywords) {
	public TemplateDescriptor {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(stack, "stack");
		Objects.requireNonNull(version, "version");
		description = description == null ? "" : description;
		keywords = keywords == null ? List.of() : List.copyOf(keywords);
	}
}
