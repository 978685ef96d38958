package dev.cairn.agent.requirements.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cairn.api.CairnException;
import dev.cairn.api.ExitCode;
import dev.cairn.api.process.ProcessExecutor;
import dev.cairn.api.process.ProcessResult;
import dev.cairn.api.process.ProcessSpec;
import dev.cairn.api.template.Toolchain;

/**
 * Checks the machine before anything is written: each tool the template needs (found, and new enough), the Python
 * venv module, and which package indexes pip can actually reach (unreachable ones are dropped so installs fail fast
 * instead of retrying a dead index).
 */
final class Environment {
	record Found(Map<String, String> tools, Map<String, String> versions, List<String> pipArgs, String indexSummary) {
	}

	private final ProcessExecutor processes;
	private final Path logs;

	Environment(ProcessExecutor processes, Path logs) {
		this.processes = processes;
		this.logs = logs;
	}

	Found check(Toolchain toolchain, String python) throws IOException, InterruptedException {
		Map<String, String> tools = new LinkedHashMap<>();
		Map<String, String> versions = new LinkedHashMap<>();
		List<String> pipArgs = List.of();
		String indexSummary = null;
		for (Toolchain.Tool tool : toolchain.tools()) {
			switch (tool.name()) {
				case "python" -> {
					ProcessResult r = run("python-version", python, "-c",
							"import sys, venv, ensurepip; print(sys.executable); print('.'.join(map(str, sys.version_info[:3])))");
					if (r == null || r.exitCode() != 0) {
						String why = r == null ? "not found" : lastLine(Files.readString(r.stderr()));
						throw new CairnException(ExitCode.ENVIRONMENT, "Python " + tool.minVersion() + " or newer with venv is required ("
								+ tool.purpose() + "); '" + python + "': " + why
								+ " (install python3 and python3-venv, or set CAIRN_PYTHON)");
					}
					List<String> lines = Files.readAllLines(r.stdout());
					String version = lines.get(1).trim();
					if (!atLeast(version, tool.minVersion())) {
						throw new CairnException(ExitCode.ENVIRONMENT, "Python " + tool.minVersion() + " or newer is required ("
								+ tool.purpose() + "); " + lines.get(0).trim() + " is " + version + " (set CAIRN_PYTHON)");
					}
					tools.put("python", lines.get(0).trim());
					versions.put("python", version);
					String[] index = pipIndex(python);
					pipArgs = List.of(index[0].isEmpty() ? new String[0] : index[0].split("\n"));
					indexSummary = index[1];
				}
				case "node", "npm" -> {
					ProcessResult r = run(tool.name() + "-version", tool.name(), "--version");
					if (r == null || r.exitCode() != 0) {
						throw new CairnException(ExitCode.ENVIRONMENT, tool.name() + " " + tool.minVersion()
								+ " or newer is required (" + tool.purpose() + "); not found on PATH");
					}
					String version = Files.readString(r.stdout()).trim().replaceFirst("^v", "");
					if (!atLeast(version, tool.minVersion())) {
						throw new CairnException(ExitCode.ENVIRONMENT, tool.name() + " " + tool.minVersion()
								+ " or newer is required (" + tool.purpose() + "); found " + version);
					}
					tools.put(tool.name(), tool.name());
					versions.put(tool.name(), version);
				}
				default -> {
					ProcessResult r = run(tool.name() + "-version", tool.name(), "--version");
					if (r == null || r.exitCode() != 0) {
						throw new CairnException(ExitCode.ENVIRONMENT,
								tool.name() + " is required (" + tool.purpose() + "); not found on PATH");
					}
					tools.put(tool.name(), tool.name());
					versions.put(tool.name(), lastLine(Files.readString(r.stdout())));
				}
			}
		}
		return new Found(tools, versions, pipArgs, indexSummary);
	}

	/** Arguments for pip (newline-separated) and a one-line summary; exit 3 when no index can be reached. */
	private String[] pipIndex(String python) throws IOException, InterruptedException {
		ProcessResult r = run("pip-config", python, "-m", "pip", "config", "list");
		List<String> indexes = new ArrayList<>();
		List<String> findLinks = new ArrayList<>();
		String primary = "https://pypi.org/simple";
		if (r != null && r.exitCode() == 0) {
			for (String line : Files.readAllLines(r.stdout())) {
				int eq = line.indexOf('=');
				if (eq < 0) {
					continue;
				}
				String key = line.substring(0, eq).replaceFirst("^[^.]*\\.", "");
				String value = line.substring(eq + 1).replaceAll("^'|'$", "").trim();
				switch (key) {
					case "index-url" -> primary = value.isBlank() ? primary : value;
					case "extra-index-url" -> indexes.addAll(words(value));
					case "find-links" -> findLinks.addAll(words(value));
					default -> {
					}
				}
			}
		}
		indexes.add(0, primary);
		List<String> reachable = indexes.stream().distinct().filter(Environment::reachable).toList();
		List<String> links = findLinks.stream().distinct().filter(Environment::reachable).toList();
		List<String> dropped = indexes.stream().distinct().filter(i -> !reachable.contains(i)).toList();
		if (reachable.isEmpty() && links.isEmpty()) {
			throw new CairnException(ExitCode.ENVIRONMENT, "no Python package index is reachable (tried "
					+ String.join(", ", indexes) + "); configure one with: pip config set global.index-url <url>");
		}
		List<String> args = new ArrayList<>();
		if (reachable.isEmpty()) {
			args.add("--no-index");
		} else {
			args.add("--index-url");
			args.add(reachable.get(0));
			reachable.stream().skip(1).forEach(i -> {
				args.add("--extra-index-url");
				args.add(i);
			});
		}
		links.forEach(l -> {
			args.add("--find-links");
			args.add(l);
		});
		String summary = "indexes " + reachable + ", find-links " + links
				+ (dropped.isEmpty() ? "" : ", unreachable and skipped " + dropped);
		return new String[] { String.join("\n", args), summary };
	}

	private static List<String> words(String value) {
		return java.util.Arrays.stream(value.split("\\s+")).filter(w -> !w.isBlank()).toList();
	}

	/** A file: URL or path that exists, or an http(s) host that accepts a connection within 1.5 s. */
	static boolean reachable(String location) {
		try {
			if (location.startsWith("file:")) {
				return Files.exists(Path.of(URI.create(location)));
			}
			if (!location.contains("://")) {
				return Files.exists(Path.of(location));
			}
			URI uri = URI.create(location);
			int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
			try (Socket s = new Socket()) {
				s.connect(new InetSocketAddress(uri.getHost(), port), 1500);
				return true;
			}
		} catch (IOException | IllegalArgumentException e) {
			return false;
		}
	}

	private ProcessResult run(String name, String... command) throws IOException, InterruptedException {
		try {
			return processes.run(new ProcessSpec(List.of(command), logs, Map.of(),
					Duration.ofSeconds(30), false, logs.resolve(name)));
		} catch (IOException notFound) {
			// the program does not exist (ProcessBuilder could not start it)
			if (String.valueOf(notFound.getMessage()).contains("error=2")) {
				return null;
			}
			throw notFound;
		}
	}

	static boolean atLeast(String version, String minimum) {
		String[] v = version.split("[.\\-+]");
		String[] m = minimum.split("\\.");
		for (int i = 0; i < m.length; i++) {
			int a = i < v.length ? parse(v[i]) : 0;
			int b = parse(m[i]);
			if (a != b) {
				return a > b;
			}
		}
		return true;
	}

	private static int parse(String s) {
		try {
			return Integer.parseInt(s.replaceAll("\\D.*", ""));
		} catch (NumberFormatException e) {
			return 0;
		}
	}

	private static String lastLine(String s) {
		String[] lines = s.strip().split("\n");
		return lines.length == 0 ? "" : lines[lines.length - 1].trim();
	}
}
