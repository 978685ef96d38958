package dev.cairn.shell.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.cairn.api.CairnException;
import dev.cairn.api.registry.PluginRegistry;

/**
 * The {@code agent} command scope. Commands return data objects; {@link Formats} renders them for people and
 * {@code --json} renders them for machines.
 */
@Component(service = AgentCommands.class, property = { "osgi.command.scope=agent",
		"osgi.command.function=version", "osgi.command.function=agents", "osgi.command.function=templates",
		"osgi.command.function=help" })
public final class AgentCommands {
	/** Framework property set by the launcher; falls back to the API bundle's version. */
	static final String CAIRN_VERSION = "cairn.version";

	private final BundleContext context;
	private final PluginRegistry registry;

	@Activate
	public AgentCommands(BundleContext context, @Reference(name = "registry") PluginRegistry registry) {
		this.context = context;
		this.registry = registry;
	}

	@Descriptor("show Cairn's version, the Java and Felix versions, and Cairn's active bundles")
	public Object version(
			@Descriptor("print one JSON object instead of text") @org.apache.felix.service.command.Parameter(names = "--json", presentValue = "true", absentValue = "false") boolean json) {
		List<VersionReport.BundleRow> rows = new ArrayList<>();
		for (Bundle b : context.getBundles()) {
			if (b.getSymbolicName() != null && b.getSymbolicName().startsWith("dev.cairn.")) {
				rows.add(new VersionReport.BundleRow(b.getBundleId(), b.getSymbolicName(), b.getVersion().toString(),
						state(b.getState())));
			}
		}
		rows.sort(Comparator.comparing(VersionReport.BundleRow::symbolicName));
		Bundle framework = context.getBundle(0);
		VersionReport report = new VersionReport(cairnVersion(),
				System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
				framework.getSymbolicName() + " " + framework.getVersion(), rows);
		return json ? Json.write(report) : report;
	}

	@Descriptor("list the agents the orchestrator has discovered; the selected one per role is marked *")
	public Object agents(
			@Descriptor("print JSON instead of a table") @org.apache.felix.service.command.Parameter(names = "--json", presentValue = "true", absentValue = "false") boolean json,
			@Descriptor("tab-separated columns, no alignment or truncation") @org.apache.felix.service.command.Parameter(names = "--plain", presentValue = "true", absentValue = "false") boolean plain) {
		return json ? Json.write(registry.agents()) : new PluginList("agent", registry.agents(), plain);
	}

	@Descriptor("list the stack templates the orchestrator has discovered; the selected one per id is marked *")
	public Object templates(
			@Descriptor("print JSON instead of a table") @org.apache.felix.service.command.Parameter(names = "--json", presentValue = "true", absentValue = "false") boolean json,
			@Descriptor("tab-separated columns, no alignment or truncation") @org.apache.felix.service.command.Parameter(names = "--plain", presentValue = "true", absentValue = "false") boolean plain) {
		return json ? Json.write(registry.templates()) : new PluginList("template", registry.templates(), plain);
	}

	@Descriptor("describe the agent commands and their parameters")
	public String help(@Descriptor("a command name, e.g. run; all commands when omitted") String... command) {
		String only = command.length == 0 ? null : command[0].replaceFirst("^agent:", "");
		StringBuilder out = new StringBuilder();
		for (Method m : agentCommands()) {
			if (only != null && !only.equals(m.getName())) {
				continue;
			}
			out.append("agent:").append(m.getName()).append(" - ").append(m.getAnnotation(Descriptor.class).value())
					.append('\n');
			for (Parameter p : m.getParameters()) {
				org.apache.felix.service.command.Parameter flag = p
						.getAnnotation(org.apache.felix.service.command.Parameter.class);
				Descriptor d = p.getAnnotation(Descriptor.class);
				String name = flag != null ? String.join(" | ", flag.names()) + (isSwitch(flag) ? "" : " <value>")
						: "<" + p.getName() + ">";
				out.append(String.format("   %-18s %s%n", name, d == null ? "" : d.value()));
			}
		}
		if (out.length() == 0) {
			throw CairnException.usage("unknown command '" + only + "'; try: agent:help");
		}
		return out.toString().stripTrailing();
	}

	private static boolean isSwitch(org.apache.felix.service.command.Parameter flag) {
		return !org.apache.felix.service.command.Parameter.UNSPECIFIED.equals(flag.presentValue());
	}

	/** Every described method of every service in the agent command scope, whichever bundle registered it. */
	private List<Method> agentCommands() {
		List<Method> out = new ArrayList<>();
		try {
			for (ServiceReference<?> ref : context.getServiceReferences((String) null, "(osgi.command.scope=agent)")) {
				Object service = context.getService(ref);
				if (service == null) {
					continue;
				}
				try {
					List<String> functions = functions(ref.getProperty("osgi.command.function"));
					Arrays.stream(service.getClass().getMethods())
							.filter(m -> m.isAnnotationPresent(Descriptor.class) && functions.contains(m.getName()))
							.forEach(out::add);
				} finally {
					context.ungetService(ref);
				}
			}
		} catch (org.osgi.framework.InvalidSyntaxException | NullPointerException none) {
			// no other command services
		}
		out.sort(Comparator.comparing(Method::getName));
		return out;
	}

	private static List<String> functions(Object property) {
		if (property instanceof String[] names) {
			return List.of(names);
		}
		return property == null ? List.of() : List.of(String.valueOf(property));
	}

	String cairnVersion() {
		String v = context.getProperty(CAIRN_VERSION);
		if (v != null && !v.isBlank()) {
			return v;
		}
		return Arrays.stream(context.getBundles()).filter(b -> "dev.cairn.api".equals(b.getSymbolicName()))
				.map(b -> b.getVersion().toString()).findFirst().orElse("unknown");
	}

	static String state(int state) {
		return switch (state) {
			case Bundle.ACTIVE -> "active";
			case Bundle.RESOLVED -> "resolved";
			case Bundle.STARTING -> "starting";
			case Bundle.STOPPING -> "stopping";
			case Bundle.INSTALLED -> "installed";
			default -> "uninstalled";
		};
	}
}
