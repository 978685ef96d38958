package dev.cairn.orchestrator.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dev.cairn.api.ServiceProperties;
import dev.cairn.api.agent.Agent;
import dev.cairn.api.agent.AgentRole;
import dev.cairn.api.log.EventLog;
import dev.cairn.api.registry.Pinned;
import dev.cairn.api.registry.PluginInfo;
import dev.cairn.api.registry.PluginRegistry;
import dev.cairn.api.template.StackTemplate;

/**
 * The whiteboard: tracks every {@link Agent} and {@link StackTemplate} service with multiple, dynamic, greedy
 * references, so services that arrive later (a jar dropped into {@code deploy/}) are bound at once, and chooses one
 * per role or template id.
 * <p>
 * Dynamic references bind the newcomer before unbinding the old service, so the maps are keyed by
 * {@link ServiceReference} and entries are removed by key, never cleared wholesale.
 */
@Component(immediate = true)
public final class WhiteboardRegistry implements PluginRegistry {
	static final String KIND_AGENT = "agent";
	static final String KIND_TEMPLATE = "template";

	// References only: binding never activates a plug-in. Its service object is fetched when a run pins it, so
	// starting Cairn does not construct every agent and template (template engines, schema validators).
	private final Map<ServiceReference<Agent>, Boolean> agents = new ConcurrentHashMap<>();
	private final Map<ServiceReference<StackTemplate>, Boolean> templates = new ConcurrentHashMap<>();
	private final EventLog log;
	private final BundleContext context;

	@Activate
	public WhiteboardRegistry(@Reference(name = "log") EventLog log, BundleContext context) {
		this.log = log;
		this.context = context;
	}

	@Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
			policyOption = ReferencePolicyOption.GREEDY)
	void addAgent(ServiceReference<Agent> ref) {
		AgentRole role = AgentRole.fromId(ref.getProperty(ServiceProperties.AGENT_ROLE));
		if (role == null) {
			log.warn("registry.agent.ignored", "message", "agent service " + ref.getProperty(Constants.SERVICE_ID)
					+ " from " + bundleName(ref) + " has no valid agent.role (requirements, coding, testing, documentation)");
			return;
		}
		agents.put(ref, Boolean.TRUE);
		log.info("registry.agent.added", "id", agentId(ref), "role", role.id(), "bundle", bundleName(ref));
	}

	void updatedAgent(ServiceReference<Agent> ref) {
		// ranking or role may have changed: the sort happens on read, the role check here
		agents.remove(ref);
		addAgent(ref);
	}

	void removeAgent(ServiceReference<Agent> ref) {
		if (agents.remove(ref) != null) {
			log.info("registry.agent.removed", "id", agentId(ref), "bundle", bundleName(ref));
		}
	}

	@Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
			policyOption = ReferencePolicyOption.GREEDY)
	void addTemplate(ServiceReference<StackTemplate> ref) {
		if (text(ref, ServiceProperties.TEMPLATE_ID) == null || text(ref, ServiceProperties.TEMPLATE_STACK) == null) {
			log.warn("registry.template.ignored", "message", "stack template service "
					+ ref.getProperty(Constants.SERVICE_ID) + " from " + bundleName(ref)
					+ " lacks the template.id or template.stack service property");
			return;
		}
		templates.put(ref, Boolean.TRUE);
		log.info("registry.template.added", "id", text(ref, ServiceProperties.TEMPLATE_ID), "version",
				templateVersion(ref).toString(), "bundle", bundleName(ref));
	}

	void updatedTemplate(ServiceReference<StackTemplate> ref) {
		templates.remove(ref);
		addTemplate(ref);
	}

	void removeTemplate(ServiceReference<StackTemplate> ref) {
		if (templates.remove(ref) != null) {
			log.info("registry.template.removed", "id", text(ref, ServiceProperties.TEMPLATE_ID), "bundle",
					bundleName(ref));
		}
	}

	@Override
	public List<PluginInfo> agents() {
		return describe(agents, KIND_AGENT, ref -> AgentRole.fromId(ref.getProperty(ServiceProperties.AGENT_ROLE)).id(),
				WhiteboardRegistry::agentId, WhiteboardRegistry::bundleVersion);
	}

	@Override
	public List<PluginInfo> templates() {
		return describe(templates, KIND_TEMPLATE, ref -> text(ref, ServiceProperties.TEMPLATE_STACK),
				ref -> text(ref, ServiceProperties.TEMPLATE_ID), WhiteboardRegistry::templateVersion);
	}

	@Override
	public Optional<Pinned<Agent>> agent(AgentRole role) {
		return pick(agents, ref -> role == AgentRole.fromId(ref.getProperty(ServiceProperties.AGENT_ROLE)),
				WhiteboardRegistry::bundleVersion)
				.flatMap(ref -> service(ref).map(agent -> new Pinned<>(agent, info(ref, KIND_AGENT, role.id(),
						agentId(ref), bundleVersion(ref), true))));
	}

	@Override
	public Optional<Pinned<StackTemplate>> template(String templateId) {
		return pick(templates, ref -> templateId.equals(text(ref, ServiceProperties.TEMPLATE_ID)),
				WhiteboardRegistry::templateVersion).flatMap(this::pinTemplate);
	}

	@Override
	public List<Pinned<StackTemplate>> selectableTemplates() {
		return templates().stream().filter(PluginInfo::selected).map(PluginInfo::id).distinct()
				.map(this::template).flatMap(Optional::stream).toList();
	}

	private Optional<Pinned<StackTemplate>> pinTemplate(ServiceReference<StackTemplate> ref) {
		return service(ref).map(t -> new Pinned<>(t, info(ref, KIND_TEMPLATE, text(ref, ServiceProperties.TEMPLATE_STACK),
				text(ref, ServiceProperties.TEMPLATE_ID), templateVersion(ref), true)));
	}

	/** The service object for a run to use; empty when it went away or failed to activate meanwhile. */
	private <S> Optional<S> service(ServiceReference<S> ref) {
		try {
			return Optional.ofNullable(context.getService(ref));
		} catch (IllegalStateException | IllegalArgumentException gone) {
			return Optional.empty();
		}
	}

	/** Most preferred first: ranking, then version, then the older registration. */
	static <S> Comparator<ServiceReference<S>> preference(Function<ServiceReference<S>, Version> version) {
		Comparator<ServiceReference<S>> byRanking = Comparator.comparingInt(WhiteboardRegistry::ranking);
		Comparator<ServiceReference<S>> byVersion = Comparator.comparing(version);
		Comparator<ServiceReference<S>> byId = Comparator.comparingLong(WhiteboardRegistry::serviceId);
		return byRanking.reversed().thenComparing(byVersion.reversed()).thenComparing(byId);
	}

	private static <S> Optional<ServiceReference<S>> pick(Map<ServiceReference<S>, Boolean> services,
			java.util.function.Predicate<ServiceReference<S>> matches,
			Function<ServiceReference<S>, Version> version) {
		return services.keySet().stream().filter(matches).min(preference(version));
	}

	private static <S> List<PluginInfo> describe(Map<ServiceReference<S>, Boolean> services, String kind,
			Function<ServiceReference<S>, String> group, Function<ServiceReference<S>, String> id,
			Function<ServiceReference<S>, Version> version) {
		// group key: role for agents, template id for templates; the first in preference order is the selected one
		Function<ServiceReference<S>, String> selectionKey = KIND_AGENT.equals(kind) ? group : id;
		Map<String, List<ServiceReference<S>>> groups = services.keySet().stream()
				.collect(Collectors.groupingBy(selectionKey));
		List<PluginInfo> out = new ArrayList<>();
		groups.keySet().stream().sorted().forEach(key -> {
			List<ServiceReference<S>> refs = new ArrayList<>(groups.get(key));
			refs.sort(preference(version));
			for (int i = 0; i < refs.size(); i++) {
				ServiceReference<S> ref = refs.get(i);
				out.add(info(ref, kind, group.apply(ref), id.apply(ref), version.apply(ref), i == 0));
			}
		});
		if (KIND_TEMPLATE.equals(kind)) {
			out.sort(Comparator.comparing(PluginInfo::role).thenComparing(PluginInfo::id)
					.thenComparing(p -> !p.selected()));
		}
		return out;
	}

	private static PluginInfo info(ServiceReference<?> ref, String kind, String role, String id, Version version,
			boolean selected) {
		Bundle bundle = ref.getBundle();
		return new PluginInfo(kind, id, role, version.toString(), bundleName(ref),
				bundle == null ? "" : bundle.getVersion().toString(), ranking(ref), serviceId(ref), selected);
	}

	static int ranking(ServiceReference<?> ref) {
		return ref.getProperty(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0;
	}

	static long serviceId(ServiceReference<?> ref) {
		return ref.getProperty(Constants.SERVICE_ID) instanceof Long l ? l : Long.MAX_VALUE;
	}

	static String text(ServiceReference<?> ref, String key) {
		Object value = ref.getProperty(key);
		return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value).trim();
	}

	static String agentId(ServiceReference<?> ref) {
		String id = text(ref, ServiceProperties.AGENT_ID);
		return id != null ? id : String.valueOf(ref.getProperty("component.name"));
	}

	static String bundleName(ServiceReference<?> ref) {
		Bundle bundle = ref.getBundle();
		return bundle == null ? "(unregistered)" : bundle.getSymbolicName();
	}

	static Version bundleVersion(ServiceReference<?> ref) {
		Bundle bundle = ref.getBundle();
		return bundle == null ? Version.emptyVersion : bundle.getVersion();
	}

	/** {@code template.version} when valid, else the bundle version. */
	static Version templateVersion(ServiceReference<?> ref) {
		String declared = text(ref, ServiceProperties.TEMPLATE_VERSION);
		if (declared != null) {
			try {
				return Version.parseVersion(declared);
			} catch (IllegalArgumentException notAVersion) {
				// fall through to the bundle version; the listing still shows the service
			}
		}
		return bundleVersion(ref);
	}
}
