package dev.cairn.process.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.cairn.api.CairnException;
import dev.cairn.api.ExitCode;
import dev.cairn.api.process.ProcessSpec;

/**
 * Bubblewrap isolation: the whole file system read-only, the command's working directory and declared folders
 * writable, a private /tmp, private PID/IPC/UTS namespaces, and no network but loopback unless the step needs the
 * package registries. The sandbox dies with Cairn ({@code --die-with-parent}). Whether bubblewrap works is probed
 * once, on first use, so startup pays nothing.
 */
final class Sandbox {
	static final String SETTING = "sandbox";
	private static final String BWRAP = "bwrap";

	private volatile String version; // null: not probed yet; "": not usable here
	private volatile String why = "";

	/** Whether to wrap commands in {@code mode}; exit 3 when bubblewrap is required but does not work. */
	boolean use(String mode) {
		return switch (mode == null ? "auto" : mode.trim().toLowerCase()) {
			case "none", "off" -> false;
			case "bubblewrap", "bwrap", "required" -> {
				if (probe().isEmpty()) {
					throw new CairnException(ExitCode.ENVIRONMENT, "sandbox=bubblewrap is configured but bubblewrap "
							+ why + " (apt-get install bubblewrap, or set sandbox=auto)");
				}
				yield true;
			}
			default -> !probe().isEmpty();
		};
	}

	String describe(String mode) {
		if (!use(mode)) {
			return "none (allow-listed environment only" + ("none".equals(mode) || "off".equals(mode)
					? "; sandbox=" + mode : why.isEmpty() ? "" : "; bubblewrap " + why) + ")";
		}
		return "bubblewrap " + version + " (read-only root, writable workspace and run folder, private /tmp, "
				+ "network only for package installs)";
	}

	/**
	 * @param environment the command's environment: files it points at under /tmp (a pip.conf, a CA bundle, a
	 *                    find-links folder) stay visible, read-only, above the private /tmp
	 */
	List<String> wrap(List<String> command, ProcessSpec spec, java.util.Map<String, String> environment)
			throws IOException {
		List<String> args = new ArrayList<>(List.of(BWRAP, "--die-with-parent", "--unshare-all"));
		if (spec.network()) {
			args.add("--share-net");
		}
		args.addAll(List.of("--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"));
		Set<Path> readable = new java.util.TreeSet<>();
		for (String value : environment.values()) {
			for (String part : value.split("[\\s" + File.pathSeparator + "]+")) {
				String path = part.startsWith("file://") ? part.substring("file://".length()) : part;
				if (path.startsWith("/tmp/") && Files.exists(Path.of(path))) {
					readable.add(Path.of(path).normalize());
				}
			}
		}
		for (Path p : readable) {
			args.addAll(List.of("--ro-bind", p.toString(), p.toString()));
		}
		Set<Path> writable = new LinkedHashSet<>();
		writable.add(spec.directory().toAbsolutePath().normalize());
		spec.writable().forEach(p -> writable.add(p.toAbsolutePath().normalize()));
		for (Path p : writable) {
			Files.createDirectories(p);
			args.addAll(List.of("--bind", p.toString(), p.toString()));
		}
		args.addAll(List.of("--chdir", spec.directory().toAbsolutePath().normalize().toString(), "--"));
		args.addAll(command);
		return args;
	}

	/** The bubblewrap version if a trivial sandboxed command runs here, else "" with the reason kept in {@link #why}. */
	private String probe() {
		String v = version;
		if (v != null) {
			return v;
		}
		synchronized (this) {
			if (version != null) {
				return version;
			}
			String found = "";
			try {
				resolve(BWRAP, System.getenv("PATH"));
				Process p = new ProcessBuilder(BWRAP, "--die-with-parent", "--unshare-all", "--ro-bind", "/", "/",
						"--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp", "--", "true").redirectErrorStream(true)
						.start();
				p.getOutputStream().close();
				String output = new String(p.getInputStream().readAllBytes()).strip();
				if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
					Process ver = new ProcessBuilder(BWRAP, "--version").redirectErrorStream(true).start();
					found = new String(ver.getInputStream().readAllBytes()).strip().replaceFirst("^bubblewrap\\s*", "");
					ver.waitFor(5, TimeUnit.SECONDS);
					if (found.isEmpty()) {
						found = "?";
					}
				} else {
					why = "does not work here: " + output.lines().findFirst().orElse("exit " + p.exitValue());
				}
			} catch (IOException e) {
				why = "is not installed";
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				why = "was not probed (interrupted)";
				return "";
			}
			version = found;
			return found;
		}
	}

	/**
	 * The absolute path of {@code program} on {@code path}, as ProcessBuilder would find it.
	 *
	 * @throws IOException worded like ProcessBuilder's ("error=2") when it is not there
	 */
	static String resolve(String program, String path) throws IOException {
		if (program.contains("/")) {
			return program;
		}
		for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
			if (dir.isEmpty()) {
				continue;
			}
			Path candidate = Path.of(dir, program);
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		throw new IOException("Cannot run program \"" + program + "\": error=2, No such file or directory");
	}
}
