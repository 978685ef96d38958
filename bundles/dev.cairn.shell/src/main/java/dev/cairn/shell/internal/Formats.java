package dev.cairn.shell.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import dev.cairn.api.store.ArtifactRecord;
import dev.cairn.api.store.GuardDecisionRecord;
import dev.cairn.api.store.RunDetails;
import dev.cairn.api.store.RunRecord;
import dev.cairn.api.store.StepRecord;
import dev.cairn.api.store.TestCaseRecord;

import org.apache.felix.service.command.Converter;
import org.osgi.service.component.annotations.Component;

import dev.cairn.api.registry.PluginInfo;

/**
 * Renders the agent commands' result objects for people, both in the interactive shell (Gogo asks registered
 * converters) and in batch mode ({@link BatchRunner} calls {@link #text(Object)}).
 */
@Component(property = { "osgi.converter.classes=dev.cairn.shell.internal.VersionReport",
		"osgi.converter.classes=dev.cairn.shell.internal.PluginList",
		"osgi.converter.classes=dev.cairn.shell.internal.RunList",
		"osgi.converter.classes=dev.cairn.shell.internal.RunView",
		"osgi.converter.classes=dev.cairn.shell.internal.RunReport" })
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
		if (target instanceof RunList r) {
			return runs(r);
		}
		if (target instanceof RunView r) {
			return show(r);
		}
		if (target instanceof RunReport r) {
			return r.json() ? Json.write(r.outcome()) : summary(r.outcome());
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

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
			.withZone(ZoneOffset.UTC);

	static String when(Instant t) {
		return t == null ? "" : WHEN.format(t);
	}

	static String duration(Long millis) {
		if (millis == null) {
			return "";
		}
		Duration d = Duration.ofMillis(millis);
		return d.toMinutes() > 0 ? d.toMinutes() + "m" + d.toSecondsPart() + "s"
				: String.format("%.1fs", millis / 1000.0);
	}

	static String runs(RunList list) {
		if (list.runs().isEmpty()) {
			return "no runs in the ledger under " + list.ledger();
		}
		TextTable table = new TextTable(List.of("RUN", "STATUS", "EXIT", "STACK", "TEMPLATE", "STARTED (UTC)",
				"DURATION", "PROMPT"));
		for (RunRecord r : list.runs()) {
			table.row(List.of(r.id(), r.status(), r.exitCode() == null ? "" : String.valueOf(r.exitCode()),
					nz(r.stack()), r.template() == null ? "" : r.template().id() + " " + r.template().version(),
					when(r.startedAt()), duration(r.durationMillis()), r.prompt().replace('\n', ' ')));
		}
		return list.plain() ? table.plain() : table.render(TextTable.terminalWidth());
	}

	static String show(RunView view) {
		RunDetails d = view.details();
		RunRecord r = d.run();
		int width = TextTable.terminalWidth();
		StringBuilder b = new StringBuilder();
		b.append("Run        ").append(r.id()).append('\n');
		b.append("Status     ").append(r.status())
				.append(r.exitCode() == null ? "" : " (exit " + r.exitCode() + ")").append('\n');
		if (r.error() != null) {
			b.append("Error      ").append(r.error()).append('\n');
		}
		b.append("Prompt     ").append(r.prompt().replace('\n', ' ')).append('\n');
		b.append("Stack      ").append(nz(r.stack()));
		if (r.template() != null) {
			b.append("  template ").append(r.template().id()).append(' ').append(r.template().version()).append(" (")
					.append(r.template().bundle()).append(' ').append(r.template().bundleVersion()).append(')');
		}
		b.append('\n');
		b.append("Model      ").append(nz(r.modelProvider())).append(r.model() == null ? "" : " " + r.model())
				.append("  seed ").append(r.seed()).append("  cairn ").append(nz(r.cairnVersion())).append('\n');
		b.append("Time       ").append(when(r.startedAt())).append(" -> ").append(when(r.endedAt())).append("  ")
				.append(duration(r.durationMillis())).append('\n');
		b.append("Workspace  ").append(nz(r.workspace())).append('\n');

		b.append("\nSteps\n");
		if (d.steps().isEmpty()) {
			b.append("  none recorded\n");
		} else {
			TextTable steps = new TextTable(List.of("#", "ROLE", "AGENT", "STATUS", "ATTEMPT", "DURATION", "NOTE"));
			for (StepRecord s : d.steps()) {
				steps.row(List.of(String.valueOf(s.seq()), s.role(),
						s.agent() == null ? "" : s.agent().id() + " " + s.agent().version(), s.status(),
						String.valueOf(s.attempt()),
						s.endedAt() == null || s.startedAt() == null ? ""
								: duration(s.endedAt().toEpochMilli() - s.startedAt().toEpochMilli()),
						s.error() != null ? s.error() : nz(s.retryReason())));
			}
			b.append(indent(steps.render(width - 2))).append('\n');
		}

		long passed = d.tests().stream().filter(t -> t.status().equals("passed")).count();
		long skipped = d.tests().stream().filter(t -> t.status().equals("skipped")).count();
		b.append("\nTests      ").append(passed).append(" passed, ").append(d.tests().size() - passed - skipped)
				.append(" failed, ").append(skipped).append(" skipped\n");
		if (!d.tests().isEmpty()) {
			TextTable tests = new TextTable(List.of("STATUS", "SUITE", "TEST", "MS", "MESSAGE"));
			for (TestCaseRecord t : d.tests()) {
				tests.row(List.of(t.status(), t.suite(), t.name(), String.valueOf(t.durationMillis()),
						nz(t.message()).replace('\n', ' ')));
			}
			b.append(indent(tests.render(width - 2))).append('\n');
		}

		b.append("\nArtifacts  ").append(d.artifacts().size()).append(" files\n");
		if (!d.artifacts().isEmpty()) {
			TextTable files = new TextTable(List.of("PATH", "BYTES", "SHA-256", "ORIGIN", "LICENCE"));
			for (ArtifactRecord a : d.artifacts()) {
				files.row(List.of(a.path(), String.valueOf(a.size()), a.sha256().substring(0, Math.min(12, a.sha256().length())),
						a.origin(), nz(a.licence())));
			}
			b.append(indent(files.render(width - 2))).append('\n');
		}

		RunDetails.Usage usage = d.usage();
		b.append("\nProcesses  ").append(usage.processes()).append(" commands, wall ").append(duration(usage.wallMillis()))
				.append(", CPU ").append(duration(usage.cpuMillis())).append(", peak RSS ")
				.append(usage.peakRss() / (1024 * 1024)).append(" MB");
		d.environment().ifPresent(e -> b.append("\nIsolation  ").append(nz(e.isolation())));
		b.append('\n');
		if (!d.processes().isEmpty()) {
			TextTable procs = new TextTable(List.of("#", "NAME", "EXIT", "WALL", "CPU", "PEAK MB", "SANDBOX"));
			for (var p : d.processes()) {
				procs.row(List.of(String.valueOf(p.stepSeq()), p.name(),
						p.timedOut() ? "timeout" : String.valueOf(p.exitCode()), duration(p.wallMillis()),
						duration(p.cpuMillis()), String.valueOf(p.peakRss() / (1024 * 1024)), p.isolation()));
			}
			b.append(indent(procs.render(width - 2))).append('\n');
		}

		b.append("\nGuard decisions  ").append(d.decisions().size()).append('\n');
		if (!d.decisions().isEmpty()) {
			TextTable decisions = new TextTable(List.of("VERDICT", "KIND", "SUBJECT", "POLICY", "REASON"));
			for (GuardDecisionRecord g : d.decisions()) {
				decisions.row(List.of(g.verdict(), g.subjectKind(), g.subject(), g.policy() + " " + g.policyVersion(),
						nz(g.reason())));
			}
			b.append(indent(decisions.render(width - 2))).append('\n');
		}
		if (!d.modelCalls().isEmpty()) {
			var calls = d.modelCalls();
			b.append("\nModel calls  ").append(calls.size()).append(" to ").append(calls.get(0).provider()).append(' ')
					.append(nz(calls.get(0).model())).append(": ")
					.append(calls.stream().mapToLong(c -> c.inputTokens()).sum()).append(" in / ")
					.append(calls.stream().mapToLong(c -> c.outputTokens()).sum()).append(" out tokens, ")
					.append(calls.stream().mapToInt(c -> c.retries()).sum()).append(" retries, ")
					.append(calls.stream().filter(c -> !"ok".equals(c.status())).count()).append(" failed; replay offline with ./agent replay ")
					.append(d.run().id()).append('\n');
		}
		b.append("\nRecorded   ").append(d.modelCalls().size()).append(" model calls, ").append(d.dependencies().size())
				.append(" dependencies, ").append(d.events()).append(" events, ").append(d.spans()).append(" spans");
		return b.toString();
	}

	static String summary(dev.cairn.api.run.RunOutcome o) {
		StringBuilder b = new StringBuilder();
		var t = o.tests();
		if (o.exitCode() == 0) {
			b.append("OK  run ").append(o.runId()).append(" succeeded in ").append(duration(o.durationMs())).append(": ")
					.append(t.passed()).append(" tests passed, ").append(t.failed()).append(" failed, ")
					.append(t.skipped()).append(" skipped\n");
		} else {
			b.append(o.status().toUpperCase().replace('_', ' ')).append("  run ").append(o.runId()).append(" (exit ")
					.append(o.exitCode()).append(") after ").append(duration(o.durationMs())).append(": ")
					.append(o.error() == null ? "" : o.error().message()).append('\n');
		}
		if (o.template() != null) {
			b.append("    stack     ").append(o.stack()).append(" with ").append(o.template().id()).append(' ')
					.append(o.template().version()).append('\n');
		}
		if (o.model() != null && o.model().calls() > 0) {
			b.append("    model     ").append(o.model().provider()).append(' ').append(o.model().model()).append(": ")
					.append(o.model().calls()).append(" calls, ").append(o.model().inputTokens()).append(" in / ")
					.append(o.model().outputTokens()).append(" out tokens\n");
		}
		if (o.replay() != null) {
			b.append("    replay    of ").append(o.replay().of()).append(": ").append(o.replay().identical()
					? "identical (" + o.replay().calls() + " recorded model calls, " + o.replay().artifacts()
							+ " artifacts with the same SHA-256)"
					: "DIFFERS: " + o.replay().firstDivergence()).append('\n');
		}
		if (o.rollback() != null) {
			b.append("    project   ").append(o.workspace()).append(" (rolled back to its state before the run)\n");
			b.append("    patch     ").append(o.rollback().patch()).append('\n');
		} else {
			b.append("    project   ").append(o.workspace()).append('\n');
		}
		if (o.dist() != null) {
			b.append("    zip       ").append(o.dist()).append('\n');
		}
		b.append("    ledger    ").append(o.ledger()).append('\n');
		b.append("next:\n    ./agent show ").append(o.runId());
		if (o.exitCode() == 0) {
			b.append("\n    cd ").append(o.workspace()).append("   (README.md: quickstart and commands)");
		}
		return b.toString();
	}

	private static String indent(String text) {
		return text.lines().map(l -> "  " + l).reduce((x, y) -> x + "\n" + y).orElse("");
	}

	private static String nz(String s) {
		return s == null ? "" : s;
	}
}
