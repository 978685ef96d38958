package dev.cairn.shell.internal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import dev.cairn.api.CairnException;
import dev.cairn.api.ExitCode;
import dev.cairn.api.log.EventLog;

/**
 * Non-interactive mode behind {@code ./agent <command> [args]}. When the framework property {@code cairn.mode} is
 * {@code batch}, this registers a {@code main.thread} {@link Callable}: the bnd launcher runs it on the main
 * thread, then stops the framework and exits with the returned value. So the process exit code is the command's.
 * <p>
 * With no arguments, commands are read from standard input, one per line.
 */
@Component(immediate = true)
public final class BatchRunner {
	static final String MODE = "cairn.mode";
	static final PrintStream STDOUT = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
	static final PrintStream STDERR = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true);

	private final BundleContext context;
	private final CommandProcessor processor;
	private final EventLog log;
	private ServiceRegistration<?> registration;

	@Activate
	public BatchRunner(BundleContext context, @Reference(name = "processor") CommandProcessor processor,
			@Reference(name = "log") EventLog log) {
		this.context = context;
		this.processor = processor;
		this.log = log;
		if ("batch".equals(context.getProperty(MODE))) {
			Hashtable<String, Object> props = new Hashtable<>();
			props.put("main.thread", Boolean.TRUE);
			registration = context.registerService(Callable.class, new Main(), props);
		}
	}

	@Deactivate
	void deactivate() {
		if (registration != null) {
			try {
				registration.unregister();
			} catch (IllegalStateException alreadyGone) {
				// unregistered by the framework on shutdown
			}
		}
	}

	/** A named class, not a lambda: the launcher checks by reflection that call() returns Integer. */
	final class Main implements Callable<Integer> {
		@Override
		public Integer call() throws Exception {
			long entered = System.nanoTime();
			// the process's real streams: System.out is Gogo's per-thread stream by now, and a session writing into it
			// would write into itself
			CommandSession session = processor.createSession(System.in, STDOUT, STDERR);
			List<String> pending = new Settle(context, () -> resolve(session, "agent:help") != null).await(5000);
			if (!pending.isEmpty()) {
				log.warn("shell.settle.timeout", "message",
						"still loading after 5 s, continuing without: " + String.join(", ", pending));
			}
			if (Boolean.getBoolean("cairn.trace.startup")) {
				long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
				System.err.printf("cairn: startup: main thread at %d ms after JVM start, settled after %d ms more%n",
						System.currentTimeMillis() - jvmStart - (System.nanoTime() - entered) / 1_000_000,
						(System.nanoTime() - entered) / 1_000_000);
			}
			String[] args = launcherArguments();
			try {
				if (args.length == 0) {
					return fromStdin(session);
				}
				return execute(session, args);
			} finally {
				session.close();
				STDOUT.flush();
				if (Boolean.getBoolean("cairn.trace.startup")) {
					long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
					STDERR.printf("cairn: startup: command done at %d ms after JVM start%n",
							System.currentTimeMillis() - jvmStart);
				}
			}
		}
	}

	private String[] launcherArguments() {
		try {
			for (ServiceReference<?> ref : context.getServiceReferences((String) null, "(launcher.arguments=*)")) {
				if (ref.getProperty("launcher.arguments") instanceof String[] args) {
					return args;
				}
			}
		} catch (org.osgi.framework.InvalidSyntaxException | NullPointerException none) {
			// no launcher service: behave as if no arguments were given
		}
		return new String[0];
	}

	int fromStdin(CommandSession session) throws Exception {
		int last = 0;
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		for (String line; (line = in.readLine()) != null;) {
			String trimmed = line.trim();
			if (trimmed.isEmpty() || trimmed.startsWith("#")) {
				continue;
			}
			int code = run(session, trimmed, trimmed.split("\\s+")[0]);
			if (code != 0) {
				last = code;
			}
		}
		return last;
	}

	/**
	 * Runs {@code args[0]} (as {@code agent:<name>} when such a command exists, else as given) with the remaining
	 * arguments. Arguments travel as session variables so no quoting or Gogo syntax in them can be misread.
	 */
	int execute(CommandSession session, String[] args) throws Exception {
		String name = resolve(session, args[0]);
		if (name == null) {
			return fail(ExitCode.USAGE, "unknown command '" + args[0] + "'; try: ./agent help");
		}
		StringBuilder line = new StringBuilder(name);
		for (int i = 1; i < args.length; i++) {
			String var = "cairn_arg_" + i;
			session.put(var, args[i]);
			line.append(" $").append(var);
		}
		return run(session, line.toString(), args[0]);
	}

	/** The full name of a command, preferring the agent scope; {@code null} when none exists. */
	String resolve(CommandSession session, String given) {
		Collection<?> commands = session.get(".commands") instanceof Collection<?> c ? c : List.of();
		List<String> names = new ArrayList<>();
		commands.forEach(c -> names.add(String.valueOf(c)));
		if (given.contains(":")) {
			return names.contains(given) ? given : null;
		}
		if (names.contains("agent:" + given)) {
			return "agent:" + given;
		}
		return names.stream().filter(n -> n.endsWith(":" + given)).findFirst().orElse(null);
	}

	private int run(CommandSession session, String line, String shown) {
		try {
			return runUnwrapped(session, line, shown);
		} catch (java.lang.reflect.InvocationTargetException wrapped) {
			return failure(wrapped.getCause() instanceof Exception e ? e : wrapped, shown);
		}
	}

	private int runUnwrapped(CommandSession session, String line, String shown)
			throws java.lang.reflect.InvocationTargetException {
		PrintStream out = STDOUT;
		try {
			Object result = session.execute(line);
			if (result != null) {
				String text = Formats.text(result);
				out.println(text != null ? text
						: result instanceof CharSequence s ? s : session.format(result, Converter.INSPECT));
			}
			if (result instanceof RunReport report && report.exitCode() != 0 && report.outcome().error() != null) {
				// the summary is on stdout; the one line a script greps for is on stderr
				STDERR.println("cairn: run " + report.outcome().runId() + " " + report.outcome().status() + " (exit "
						+ report.exitCode() + "): " + report.outcome().error().message());
			}
			return result instanceof dev.cairn.api.ExitStatus status ? status.exitCode() : ExitCode.OK.code();
		} catch (java.lang.reflect.InvocationTargetException e) {
			throw e;
		} catch (Exception e) {
			return failure(e, shown);
		}
	}

	/** One line and an exit code for every way a command can fail; the stack trace goes to the log only. */
	private int failure(Exception e, String shown) {
		if (e instanceof CairnException ce) {
			return fail(ce.exitCode(), ce.getMessage());
		}
		if (e instanceof IllegalArgumentException) {
			// Gogo reports arguments it cannot match to any method signature this way
			return fail(ExitCode.USAGE, "wrong arguments for '" + shown + "': " + firstLine(e.getMessage())
					+ "; try: ./agent help " + shown.replaceFirst("^agent:", ""));
		}
		if (e.getClass().getSimpleName().equals("CommandNotFoundException")) {
			return fail(ExitCode.USAGE, "unknown command '" + shown + "'; try: ./agent help");
		}
		java.io.StringWriter trace = new java.io.StringWriter();
		e.printStackTrace(new java.io.PrintWriter(trace));
		log.error("shell.command.failed", "message", "'" + shown + "' failed: " + e, "command", shown, "trace",
				trace.toString());
		return fail(ExitCode.INTERNAL, "'" + shown + "' failed: " + firstLine(String.valueOf(e)) + " (details in the log)");
	}

	private static int fail(ExitCode code, String message) {
		STDERR.println("cairn: " + message);
		return code.code();
	}

	private static String firstLine(String s) {
		if (s == null) {
			return "";
		}
		int nl = s.indexOf('\n');
		return nl < 0 ? s : s.substring(0, nl);
	}
}
