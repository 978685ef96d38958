package dev.cairn.process.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.cairn.api.config.Settings;
import dev.cairn.api.log.EventLog;
import dev.cairn.api.process.ProcessExecutor;
import dev.cairn.api.process.ProcessResult;
import dev.cairn.api.process.ProcessSpec;

/**
 * Runs subprocesses for every agent: the environment is rebuilt from an allow-list (secrets such as API keys are
 * not inherited), output goes to capped files and, line by line, to the caller; on timeout or interruption the whole
 * process tree is killed, so a hanging test or dev server never hangs Cairn. Where bubblewrap works, each command
 * runs in it (see {@link Sandbox}).
 */
@Component
public final class LocalProcessExecutor implements ProcessExecutor {
	/** Variables a build needs; everything else in Cairn's own environment stays out of subprocesses. */
	static final Set<String> ALLOWED = Set.of("PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "LC_CTYPE", "TZ",
			"TMPDIR", "TERM", "SHELL", "PYENV_ROOT", "PYENV_VERSION", "PIP_CONFIG_FILE", "PIP_INDEX_URL",
			"PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS", "PIP_CONSTRAINT", "PIP_CERT", "SSL_CERT_FILE", "REQUESTS_CA_BUNDLE",
			"NODE_EXTRA_CA_CERTS", "npm_config_registry", "NPM_CONFIG_REGISTRY", "JAVA_HOME");

	/** Bytes kept per stream; beyond that the output is counted, not stored. */
	static final long CAP = 8L * 1024 * 1024;

	private final EventLog log;
	private final Supplier<String> mode;
	private final Sandbox sandbox = new Sandbox();

	@Activate
	public LocalProcessExecutor(@Reference(name = "log") EventLog log,
			@Reference(name = "settings") Settings settings) {
		this(log, () -> settings.get(Sandbox.SETTING).map(Settings.Value::value).orElse("auto"));
	}

	/** {@code mode}: {@code auto} (bubblewrap when it works here), {@code bubblewrap} (required) or {@code none}. */
	LocalProcessExecutor(EventLog log, Supplier<String> mode) {
		this.log = log;
		this.mode = mode;
	}

	@Override
	public String isolation() {
		return sandbox.describe(mode.get());
	}

	@Override
	public ProcessResult run(ProcessSpec spec, Consumer<String> lines) throws IOException, InterruptedException {
		Files.createDirectories(spec.output().toAbsolutePath().getParent());
		Path out = Path.of(spec.output() + ".out");
		Path err = Path.of(spec.output() + ".err");
		Map<String, String> env = new HashMap<>(System.getenv());
		env.keySet().retainAll(ALLOWED);
		env.putAll(spec.environment());
		// resolve the program the way ProcessBuilder would, so "not installed" reads the same with or without a sandbox
		String program = Sandbox.resolve(spec.command().get(0), env.get("PATH"));
		List<String> command = new ArrayList<>(spec.command());
		command.set(0, program);
		boolean sandboxed = sandbox.use(mode.get());
		if (sandboxed) {
			command = sandbox.wrap(command, spec, env);
			env.put("TMPDIR", "/tmp");
		}
		ProcessBuilder pb = new ProcessBuilder(command).directory(spec.directory().toFile());
		pb.environment().clear();
		pb.environment().putAll(env);
		long start = System.nanoTime();
		Process process = pb.start();
		process.getOutputStream().close();
		Consumer<String> serial = line -> {
			synchronized (lines) {
				lines.accept(line);
			}
		};
		Thread outPump = pump(process.getInputStream(), out, serial);
		Thread errPump = pump(process.getErrorStream(), err, serial);
		ProcessUsage usage = ProcessUsage.watch(process);
		boolean finished;
		try {
			finished = process.waitFor(spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
		} catch (InterruptedException e) {
			killTree(process);
			usage.stop();
			throw e;
		} finally {
			if (!process.isAlive()) {
				usage.stop();
			}
		}
		if (!finished) {
			killTree(process);
			usage.stop();
		}
		int leftovers = usage.killLeftovers();
		outPump.join(5000);
		errPump.join(5000);
		Duration wall = Duration.ofNanos(System.nanoTime() - start);
		int exit = finished ? process.exitValue() : -1;
		log.info("process.finished", "command", String.join(" ", spec.command()), "exit", exit, "timed_out", !finished,
				"wall_ms", wall.toMillis(), "cpu_ms", usage.cpu().toMillis(), "peak_rss_kb", usage.peakRss() / 1024,
				"output", spec.output().toString(), "isolation", sandboxed ? "bubblewrap" : "none",
				"leftovers_killed", leftovers);
		return new ProcessResult(exit, !finished, wall, out, err, usage.cpu(), usage.peakRss(),
				sandboxed ? "bubblewrap" : "none");
	}

	/** Kills the descendants first (a dev server started by npm, pytest workers), then the process. */
	static void killTree(Process process) {
		List<ProcessHandle> descendants = process.descendants().toList();
		descendants.forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
		try {
			process.waitFor(5, TimeUnit.SECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static Thread pump(InputStream in, Path file, Consumer<String> lines) {
		Thread t = new Thread(() -> {
			byte[] buffer = new byte[8192];
			long written = 0;
			Lines splitter = new Lines(lines);
			try (InputStream source = in; OutputStream sink = Files.newOutputStream(file)) {
				for (int n; (n = source.read(buffer)) >= 0;) {
					splitter.feed(buffer, n);
					if (written < CAP) {
						int keep = (int) Math.min(n, CAP - written);
						sink.write(buffer, 0, keep);
						written += keep;
						if (written >= CAP) {
							sink.write("\n[cairn: output truncated at 8 MB]\n".getBytes());
						}
					}
				}
				splitter.flush();
			} catch (IOException e) {
				// the process went away; what was captured stays
			}
		}, "cairn-output-" + file.getFileName());
		t.setDaemon(true);
		t.start();
		return t;
	}
}

/** Splits a byte stream into lines for live display; a partial last line is handed over at the end. */
final class Lines {
	private static final int MAX = 4096;
	private final Consumer<String> sink;
	private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

	Lines(Consumer<String> sink) {
		this.sink = sink;
	}

	void feed(byte[] buffer, int n) {
		for (int i = 0; i < n; i++) {
			byte b = buffer[i];
			if (b == '\n' || b == '\r') {
				flush();
			} else if (line.size() < MAX) {
				line.write(b);
			}
		}
	}

	void flush() {
		if (line.size() > 0) {
			String text = line.toString(java.nio.charset.StandardCharsets.UTF_8).stripTrailing();
			line.reset();
			if (!text.isBlank()) {
				try {
					sink.accept(text);
				} catch (RuntimeException ignored) {
					// a failing display must not stop the capture
				}
			}
		}
	}
}
