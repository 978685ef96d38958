package dev.cairn.api.registry;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import dev.cairn.api.agent.Agent;
import dev.cairn.api.agent.AgentRole;
import dev.cairn.api.template.StackTemplate;

/**
 * The orchestrator's view of the service whiteboard. It follows the framework live: services that arrive, leave
 * or change ranking are reflected in the next call.
 * <p>
 * Selection: the highest {@code service.ranking} wins; on a tie the higher version, then the lower service id.
 */
@ProviderType
public interface PluginRegistry {
	/** Every registered agent, sorted by role then preference. */
	List<PluginInfo> agents();

	/** Every registered stack template, sorted by stack, id, then preference. */
	List<PluginInfo> templates();

	/** The agent a run starting now would pin for {@code role}. */
	Optional<Pinned<Agent>> agent(AgentRole role);

	/** The template a run starting now would pin for template id {@code templateId}. */
	Optional<Pinned<StackTemplate>> template(String templateId);

	/** One preferred template per template id, each with its service. */
	List<Pinned<StackTemplate>> selectableTemplates();
}
