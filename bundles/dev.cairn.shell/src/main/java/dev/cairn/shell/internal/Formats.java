package dev.cairn.shell.internal;

import java.util.List;

import org.apache.felix.service.command.Converter;
import org.osgi.service.component.annotations.Component;

import dev.cairn.api.registry.PluginInfo;

/**
 * Renders the agent commands' result objects for people, both in the interactive shell (Gogo asks registered
 * converters) and in batch mode ({@link BatchRunner} calls {@link #text(Object)}).
 */
@Component(property = "osgi.converter.classes=dev.cairn.shell.internal.VersionReport"
		+ "|dev.cairn.shell.internal.PluginList")
public final class Formats implements Converter {

	@Override
	public Object convert(Class<?> desiredType, Object in) {
		return null; // we only format
	}

	@Override
	public CharSequence format(Object target, int level, Converter escape) {
		return text(target);
	}

	/** Text for a known result type, {@code null} for others. */
	static String text(Object target) {
		if (target instanceof VersionReport v) {
			return version(v);
		}
		if (target instanceof PluginList p) {
			return plugins(p);
		}
		return null;
	}

	static String version(VersionReport v) {
		StringBuilder b = new StringBuilder();
		b.append("Cairn ").append(v.cairn()).append('\n');
		b.append("Java  ").append(v.java()).append('\n');
		b.append("Felix ").append(v.felix()).append('\n');
		TextTable table = new TextTable(List.of("ID", "BUNDLE", "VERSION", "STATE"));
		v.bundles().forEach(r -> table.row(List.of(String.valueOf(r.id()), r.symbolicName(), r.version(), r.state())));
		return b.append(table.render(TextTable.terminalWidth())).toString();
	}

	static String plugins(PluginList list) {
		if (list.items().isEmpty()) {
			return "no " + list.kind() + "s registered"
					+ (list.kind().equals("template") ? " (drop a template bundle into deploy/)" : "");
		}
		boolean agents = list.kind().equals("agent");
		TextTable table = new TextTable(List.of(" ", agents ? "ROLE" : "STACK", "ID", "VERSION", "BUNDLE",
				"BUNDLE VERSION", "RANKING", "SERVICE"));
		for (PluginInfo p : list.items()) {
			table.row(List.of(p.selected() ? "*" : " ", p.role(), p.id(), p.version(), p.bundle(), p.bundleVersion(),
					String.valueOf(p.ranking()), String.valueOf(p.serviceId())));
		}
		return list.plain() ? table.plain() : table.render(TextTable.terminalWidth());
	}
}
