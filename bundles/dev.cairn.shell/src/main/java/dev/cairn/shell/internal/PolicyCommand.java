package dev.cairn.shell.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.cairn.api.CairnException;
import dev.cairn.api.ExitCode;
import dev.cairn.api.ServiceProperties;
import dev.cairn.api.config.Settings;
import dev.cairn.api.guard.GuardPolicy;

/**
 * {@code agent:policy}: lists the installed guard policies and marks the active one; {@code agent:policy <name>}
 * makes another one active by writing {@code policy = <name>} into {@code configs/dev.cairn.settings.cfg}, the same
 * file an operator edits, so the choice survives restarts and a running Cairn picks it up for its next run.
 */
@Component(service = PolicyCommand.class, property = { "osgi.command.scope=agent", "osgi.command.function=policy" })
public final class PolicyCommand {
	static final String SETTINGS_FILE = "dev.cairn.settings.cfg";

	private final BundleContext context;
	private final Settings settings;

	@Activate
	public PolicyCommand(BundleContext context, @Reference(name = "settings") Settings settings) {
		this.context = context;
		this.settings = settings;
	}

	/** A policy as listed. */
	public record PolicyView(String name, String version, boolean active, String description, String bundle) {
	}

	@Descriptor("list the guard policies (the active one marked *), or make <name> the active one for the next runs")
	public Object policy(
			@Descriptor("print JSON instead of a table") @Parameter(names = "--json", presentValue = "true", absentValue = "false") boolean json,
			@Descriptor("the policy to activate: permissive, strict, audit, or an installed one") String... name)
			throws IOException, InvalidSyntaxException {
		Map<String, PolicyView> installed = installed();
		String active = active();
		if (name.length > 1) {
			throw CairnException.usage("agent:policy takes at most one policy name");
		}
		if (name.length == 1) {
			String wanted = name[0].trim();
			if (!installed.containsKey(wanted)) {
				throw CairnException.usage("no guard policy '" + wanted + "' is installed; available: "
						+ String.join(", ", installed.keySet()));
			}
			Path file = write(wanted);
			return "active policy: " + wanted + " " + installed.get(wanted).version() + " (was " + active
					+ "); written to " + file + ". The next run uses it; a run in flight keeps the policy it started with.";
		}
		List<PolicyView> views = new ArrayList<>();
		installed.values().forEach(v -> views.add(new PolicyView(v.name(), v.version(), v.name().equals(active),
				v.description(), v.bundle())));
		if (json) {
			return Json.write(views);
		}
		if (views.isEmpty()) {
			return "no guard policy is installed; runs check nothing";
		}
		TextTable t = new TextTable(List.of("", "POLICY", "VERSION", "BUNDLE", "DESCRIPTION"));
		views.forEach(v -> t.row(List.of(v.active() ? "*" : "", v.name(), v.version(), v.bundle(), v.description())));
		return t.render(TextTable.terminalWidth());
	}

	private String active() {
		return settings.get("policy").map(Settings.Value::value).orElse("permissive").trim();
	}

	private Map<String, PolicyView> installed() throws InvalidSyntaxException {
		Map<String, PolicyView> out = new TreeMap<>();
		for (ServiceReference<GuardPolicy> ref : context.getServiceReferences(GuardPolicy.class, null)) {
			String n = String.valueOf(ref.getProperty(ServiceProperties.GUARD_POLICY));
			GuardPolicy p = context.getService(ref);
			if (p == null) {
				continue;
			}
			try {
				out.put(n, new PolicyView(n, p.version(), false, String.valueOf(ref.getProperty("guard.description")),
						ref.getBundle().getSymbolicName()));
			} finally {
				context.ungetService(ref);
			}
		}
		return out;
	}

	/** Sets {@code policy = name} in the settings file, keeping every other line; written atomically. */
	private Path write(String policyName) throws IOException {
		String dir = context.getProperty("cairn.configs");
		if (dir == null || dir.isBlank()) {
			throw new CairnException(ExitCode.ENVIRONMENT, "no configs folder is known (cairn.configs is not set)");
		}
		Path file = Path.of(dir).resolve(SETTINGS_FILE);
		List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8))
				: new ArrayList<>();
		String line = "policy = " + policyName;
		boolean replaced = false;
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).matches("\\s*#?\\s*policy\\s*[=:].*")) {
				if (!replaced) {
					lines.set(i, line);
					replaced = true;
				} else if (!lines.get(i).trim().startsWith("#")) {
					lines.set(i, "#" + lines.get(i));
				}
			}
		}
		if (!replaced) {
			lines.add("");
			lines.add("# the active guard policy (agent:policy <name>): permissive, strict, audit");
			lines.add(line);
		}
		Files.createDirectories(file.getParent());
		Path tmp = file.resolveSibling("." + SETTINGS_FILE + ".tmp");
		Files.write(tmp, lines, StandardCharsets.UTF_8);
		Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		return file;
	}

}
