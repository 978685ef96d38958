package dev.cairn.api.registry;

/**
 * One discovered plug-in service, as {@code agent:agents} and {@code agent:templates} show it.
 *
 * @param kind          {@code agent} or {@code template}
 * @param id            {@code agent.id} or {@code template.id}
 * @param role          agent role, or the template's stack
 * @param version       template version or agent bundle version
 * @param bundle        bundle symbolic name
 * @param bundleVersion bundle version
 * @param ranking       {@code service.ranking} (0 when absent)
 * @param serviceId     {@code service.id}
 * @param selected      true when this service would be pinned by a run starting now
 */
public record PluginInfo(String kind, String id, String role, String version, String bundle, String bundleVersion,
		int ranking, long serviceId, boolean selected) {
}
