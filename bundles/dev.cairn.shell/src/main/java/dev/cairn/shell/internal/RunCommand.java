package dev.cairn.shell.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dev.cairn.api.CairnException;
import dev.cairn.api.ExitCode;
import dev.cairn.api.run.RunRequest;
import dev.cairn.api.run.RunService;

/**
 * {@code agent:run}: parses its own options (repeatable {@code --input}, durations, clear errors for unknown ones),
 * streams progress as it happens and returns the outcome.
 */
@Component(service = RunCommand.class, property = { "osgi.command.scope=agent", "osgi.command.function=run",
		"osgi.command.function=replay" })
public final class RunCommand {
	static final String OPTIONS = "[--stack <id>] [--workspace <dir>] [--input <file>]... [--model none|openai] "
			+ "[--seed <n>] [--budget <duration, e.g. 10m>] [--home <dir>] [--json] <prompt>";

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
			policyOption = ReferencePolicyOption.GREEDY)
	private volatile RunService runs;

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
			policyOption = ReferencePolicyOption.GREEDY)
	private volatile dev.cairn.api.store.RunStore store;

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
			policyOption = ReferencePolicyOption.GREEDY)
	private volatile dev.cairn.api.config.Settings settings;

	static final String REPLAY_OPTIONS = "[--budget <duration>] [--home <dir>] [--json] <run-id>";

	@Descriptor("re-execute a recorded run offline (model answers served from the ledger) and compare every artifact's SHA-256")
	public RunReport replay(@Descriptor(REPLAY_OPTIONS) String... args) {
		Options o = Options.parse(args);
		if (o.prompt.size() != 1 || o.stack != null || o.workspace != null || !o.inputs.isEmpty()) {
			throw CairnException.usage("usage: agent:replay " + REPLAY_OPTIONS);
		}
		String id = o.prompt.get(0).trim();
		dev.cairn.api.store.RunStore runStore = store;
		dev.cairn.api.config.Settings s = settings;
		if (runStore == null || s == null) {
			throw new CairnException(ExitCode.ENVIRONMENT, "replay needs the run ledger");
		}
		Path home = s.home(o.home == null ? null : o.home.toString());
		var run = runStore.ledger(home).run(id).orElseThrow(() -> CairnException
				.usage("no run '" + id + "' in the ledger under " + home + "; list runs with: ./agent runs"));
		if (run.status().equals("running")) {
			throw CairnException.usage("run " + id + " is still running");
		}
		List<Path> inputs = run.inputs().stream().map(Path::of).toList();
		for (Path input : inputs) {
			if (!java.nio.file.Files.isRegularFile(input)) {
				throw CairnException.usage("run " + id + " read " + input + ", which is gone; a replay needs the same inputs");
			}
		}
		// the replay goes into a fresh folder: the original project is never touched
		RunRequest request = new RunRequest(run.prompt(), run.stack(), null, inputs, "none", run.seed(), o.budget, home, id);
		return execute(request, o.json);
	}

	@Descriptor("generate, test and package a project from a prompt: requirements, coding, testing, documentation")
	public RunReport run(@Descriptor(OPTIONS) String... args) {
		Options o = Options.parse(args);
		return execute(o.request(), o.json);
	}

	private RunReport execute(RunRequest request, boolean json) {
		RunService service = runs;
		if (service == null) {
			throw new CairnException(ExitCode.ENVIRONMENT, "the run pipeline is not available (no orchestrator is active)");
		}
		// progress goes to stdout for people; with --json stdout carries only the JSON object
		PrintStream out = json ? System.err : System.out;
		// The run works on its own thread; this (the command's) thread prints its progress: Gogo binds a command's
		// output stream to the thread that runs the command.
		java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
		java.util.concurrent.CompletableFuture<dev.cairn.api.run.RunOutcome> outcome = java.util.concurrent.CompletableFuture
				.supplyAsync(() -> service.run(request, lines::add), command -> {
					Thread t = new Thread(command, "cairn-agent-run");
					t.setDaemon(true);
					t.start();
				});
		try {
			while (!outcome.isDone() || !lines.isEmpty()) {
				String line = lines.poll(50, java.util.concurrent.TimeUnit.MILLISECONDS);
				if (line != null) {
					out.println("  " + line);
					out.flush();
				}
			}
			return new RunReport(outcome.join(), json);
		} catch (InterruptedException e) {
			// Ctrl-C in the shell: stop the run; the orchestrator records it as interrupted
			outcome.cancel(true);
			Thread.currentThread().interrupt();
			throw new CairnException(ExitCode.INTERRUPTED, "interrupted");
		} catch (java.util.concurrent.CompletionException e) {
			if (e.getCause() instanceof CairnException ce) {
				throw ce;
			}
			throw e;
		}
	}

	/** The parsed command line. */
	static final class Options {
		String stack;
		Path workspace;
		final List<Path> inputs = new ArrayList<>();
		String model = "none";
		long seed = 42;
		Duration budget = Duration.ofMinutes(10);
		Path home;
		boolean json;
		final List<String> prompt = new ArrayList<>();

		static Options parse(String... args) {
			Options o = new Options();
			for (int i = 0; i < args.length; i++) {
				String a = args[i];
				if (!a.startsWith("--") || a.equals("--")) {
					if (a.equals("--")) {
						o.prompt.addAll(List.of(args).subList(i + 1, args.length));
						break;
					}
					o.prompt.add(a);
					continue;
				}
				String name = a;
				String value = null;
				int eq = a.indexOf('=');
				if (eq > 0) {
					name = a.substring(0, eq);
					value = a.substring(eq + 1);
				}
				if (name.equals("--json")) {
					o.json = true;
					continue;
				}
				if (value == null) {
					if (i + 1 >= args.length) {
						throw CairnException.usage(name + " needs a value; usage: agent:run " + OPTIONS);
					}
					value = args[++i];
				}
				switch (name) {
					case "--stack" -> o.stack = value;
					case "--workspace" -> o.workspace = Path.of(value);
					case "--input" -> o.inputs.add(Path.of(value).toAbsolutePath());
					case "--model" -> o.model = value;
					case "--seed" -> o.seed = number(name, value);
					case "--budget" -> o.budget = duration(value);
					case "--home" -> o.home = Path.of(value);
					default -> throw CairnException.usage("unknown option " + name + "; usage: agent:run " + OPTIONS);
				}
			}
			return o;
		}

		RunRequest request() {
			return new RunRequest(String.join(" ", prompt), stack, workspace, inputs, model, seed, budget, home);
		}

		private static long number(String name, String value) {
			try {
				return Long.parseLong(value.trim());
			} catch (NumberFormatException e) {
				throw CairnException.usage(name + " must be a whole number, not '" + value + "'");
			}
		}

		private static final Pattern PART = Pattern.compile("(\\d+)(h|m|s|ms)");

		/** {@code 10m}, {@code 90s}, {@code 1h30m}, {@code 500ms}, or plain seconds. */
		static Duration duration(String value) {
			String v = value.trim().toLowerCase();
			if (v.matches("\\d+")) {
				return Duration.ofSeconds(Long.parseLong(v));
			}
			Matcher m = PART.matcher(v);
			Duration d = Duration.ZERO;
			int consumed = 0;
			while (m.find()) {
				if (m.start() != consumed) {
					break;
				}
				long n = Long.parseLong(m.group(1));
				d = d.plus(switch (m.group(2)) {
					case "h" -> Duration.ofHours(n);
					case "m" -> Duration.ofMinutes(n);
					case "ms" -> Duration.ofMillis(n);
					default -> Duration.ofSeconds(n);
				});
				consumed = m.end();
			}
			if (consumed != v.length() || consumed == 0) {
				throw CairnException.usage("--budget must be a duration such as 10m, 90s or 1h30m, not '" + value + "'");
			}
			return d;
		}
	}
}
