package dev.cairn.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code agent} script the way a user does, against a private home, configs and deploy folder. */
final class AgentProcess {
	static final Path ROOT = Path.of(System.getProperty("cairn.root", "..")).toAbsolutePath().normalize();

	final Path home;
	final Path configs;
	final Path deploy;
	/** Extra environment for every command, e.g. an API key variable. */
	final Map<String, String> environment = new java.util.HashMap<>();

	AgentProcess(Path dir) throws IOException {
		home = Files.createDirectories(dir.resolve("home"));
		configs = Files.createDirectories(dir.resolve("configs"));
		deploy = Files.createDirectories(dir.resolve("deploy"));
		try (var files = Files.list(ROOT.resolve("configs"))) {
			for (Path cfg : files.toList()) {
				Files.copy(cfg, configs.resolve(cfg.getFileName()));
			}
		}
	}

	record Result(int exitCode, String stdout, String stderr) {
		List<String> errorLines() {
			return stderr.lines().filter(l -> !l.isBlank()).toList();
		}
	}

	ProcessBuilder builder(String... args) {
		List<String> command = new ArrayList<>();
		command.add(ROOT.resolve("agent").toString());
		command.addAll(List.of(args));
		ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
		Map<String, String> env = pb.environment();
		env.put("CAIRN_HOME", home.toString());
		env.put("CAIRN_CONFIG_DIR", configs.toString());
		env.put("CAIRN_DEPLOY_DIR", deploy.toString());
		env.put("CAIRN_SKIP_BUILD", "1"); // test the jars this build exported; never build from inside a test
		env.remove("CAIRN_LOG_LEVEL");
		env.remove("CAIRN_CONSOLE_LEVEL");
		env.remove("OPENAI_API_KEY"); // a developer's real key never reaches a test run
		env.putAll(environment);
		return pb;
	}

	Result run(String... args) throws IOException, InterruptedException {
		Path out = Files.createTempFile(home, "out", ".txt");
		Path err = Files.createTempFile(home, "err", ".txt");
		Process p = builder(args).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
				.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		if (!p.waitFor(120, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			throw new AssertionError("./agent " + String.join(" ", args) + " did not finish in 120 s");
		}
		return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
				Files.readString(err, StandardCharsets.UTF_8));
	}
}
