package dev.cairn.api;

/**
 * The service properties plug-in bundles register with. The orchestrator selects by them; {@code service.ranking}
 * (higher wins) and then the bundle version (higher wins) break ties.
 */
public final class ServiceProperties {
	/** Agent role: {@code requirements}, {@code coding}, {@code testing}, {@code documentation}. */
	public static final String AGENT_ROLE = "agent.role";
	/** Stable agent id, e.g. {@code fastapi-coder}. */
	public static final String AGENT_ID = "agent.id";
	/** Stable template id, e.g. {@code fastapi-crud}. */
	public static final String TEMPLATE_ID = "template.id";
	/** Template version (OSGi version syntax); defaults to the bundle version when absent. */
	public static final String TEMPLATE_VERSION = "template.version";
	/** The stack a template builds, e.g. {@code fastapi}; several templates may build the same stack. */
	public static final String TEMPLATE_STACK = "template.stack";
	/** Guard policy name, e.g. {@code licence}. */
	public static final String GUARD_POLICY = "guard.policy";
	/** Storage backend kind, e.g. {@code sqlite}. */
	public static final String STORE_KIND = "store.kind";
	/** Model provider id, e.g. {@code openai}. */
	public static final String MODEL_PROVIDER = "model.provider";

	private ServiceProperties() {
	}
}
