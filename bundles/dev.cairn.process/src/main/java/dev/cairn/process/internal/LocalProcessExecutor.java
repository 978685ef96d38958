package dev.cairn.process.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.cairn.api.log.EventLog;
import dev.cairn.api.process.ProcessExecutor;
import dev.cairn.api.process.ProcessResult;
import dev.cairn.api.process.ProcessSpec;

/**
 * Runs subprocesses for every agent: the environment is rebuilt from an allow-list (secrets such as API keys are
 * not inherited), output goes to capped files, and on timeout or interruption the whole process tree is killed, so
 * a hanging test or dev server never hangs Cairn.
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

	@Activate
	public LocalProcessExecutor(@Reference(name = "log") EventLog log) {
		this.log = log;
	}

	@Override
	public ProcessResult run(ProcessSpec spec) throws IOException, InterruptedException {
		Files.createDirectories(spec.output().toAbsolutePath().getParent());
		Path out = Path.of(spec.output() + ".out");
		Path err = Path.of(spec.output() + ".err");
		ProcessBuilder pb = new ProcessBuilder(spec.command()).directory(spec.directory().toFile());
		Map<String, String> env = pb.environment();
		env.keySet().retainAll(ALLOWED);
		env.putAll(spec.environment());
		long start = System.nanoTime();
		Process process = pb.start();
		process.getOutputStream().close();
		Thread outPump = pump(process.getInputStream(), out);
		Thread errPump = pump(process.getErrorStream(), err);
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
		outPump.join(5000);
		errPump.join(5000);
		Duration wall = Duration.ofNanos(System.nanoTime() - start);
		int exit = finished ? process.exitValue() : -1;
		log.info("process.finished", "command", String.join(" ", spec.command()), "exit", exit, "timed_out", !finished,
				"wall_ms", wall.toMillis(), "cpu_ms", usage.cpu().toMillis(), "peak_rss_kb", usage.peakRss() / 1024,
				"output", spec.output().toString());
		return new ProcessResult(exit, !finished, wall, out, err, usage.cpu(), usage.peakRss());
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

	private static Thread pump(InputStream in, Path file) {
		Thread t = new Thread(() -> {
			byte[] buffer = new byte[8192];
			long written = 0;
			try (InputStream source = in; OutputStream sink = Files.newOutputStream(file)) {
				for (int n; (n = source.read(buffer)) >= 0;) {
					if (written < CAP) {
						int keep = (int) Math.min(n, CAP - written);
						sink.write(buffer, 0, keep);
						written += keep;
						if (written >= CAP) {
							sink.write("\n[cairn: output truncated at 8 MB]\n".getBytes());
						}
					}
				}
			} catch (IOException e) {
				// the process went away; what was captured stays
			}
		}, "cairn-output-" + file.getFileName());
		t.setDaemon(true);
		t.start();
		return t;
	}
}
