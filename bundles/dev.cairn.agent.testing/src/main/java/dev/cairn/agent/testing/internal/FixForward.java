package dev.cairn.agent.testing.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies a failed install or test run and proposes the one fix-forward Cairn tries: re-pin a dependency the
 * index cannot satisfy to the newest version it has, or add a module the tests could not import.
 */
final class FixForward {
	enum Kind {
		DEPENDENCY_RESOLUTION, VERSION_CONFLICT, MISSING_MODULE, TEST_FAILURE
	}

	/** What failed, and the change that might fix it (empty {@code requirement} when there is none to try). */
	record Diagnosis(Kind kind, String detail, String requirementsBefore, String requirementsAfter) {
		boolean fixable() {
			return requirementsAfter != null && !requirementsAfter.equals(requirementsBefore);
		}
	}

	private static final Pattern NO_VERSION = Pattern
			.compile("Could not find a version that satisfies the requirement (\\S+) \\(from versions: ([^)]*)\\)");
	private static final Pattern MISSING = Pattern.compile("ModuleNotFoundError: No module named '([A-Za-z0-9_.]+)'");

	private FixForward() {
	}

	static Diagnosis ofInstall(String pipErrors, String requirements) {
		Matcher m = NO_VERSION.matcher(pipErrors);
		if (m.find()) {
			String requirement = m.group(1);
			String name = name(requirement);
			List<String> versions = Arrays.stream(m.group(2).split(",")).map(String::trim)
					.filter(v -> !v.isEmpty() && !v.equals("none")).toList();
			String after = versions.isEmpty() ? null : repin(requirements, name, versions.get(versions.size() - 1));
			return new Diagnosis(Kind.DEPENDENCY_RESOLUTION,
					"the index has no version of " + name + " matching '" + requirement + "'"
							+ (versions.isEmpty() ? " (none at all)" : "; newest available " + versions.get(versions.size() - 1)),
					requirements, after);
		}
		if (pipErrors.contains("ResolutionImpossible") || pipErrors.contains("conflicting dependencies")) {
			return new Diagnosis(Kind.VERSION_CONFLICT, "the pinned versions conflict with each other", requirements, null);
		}
		return new Diagnosis(Kind.DEPENDENCY_RESOLUTION, "pip failed: " + lastLine(pipErrors), requirements, null);
	}

	static Diagnosis ofTests(String testOutput, String requirements) {
		Matcher m = MISSING.matcher(testOutput);
		if (m.find()) {
			String module = m.group(1).split("\\.")[0];
			boolean listed = requirements.lines().anyMatch(l -> name(l).equals(normal(module)));
			String after = listed ? null : requirements.stripTrailing() + "\n" + module + "  # added by Cairn's fix-forward\n";
			return new Diagnosis(Kind.MISSING_MODULE, "the tests could not import " + module, requirements, after);
		}
		return new Diagnosis(Kind.TEST_FAILURE, "tests failed", requirements, null);
	}

	/** Replaces the requirement line for {@code name} with an exact pin, keeping the old line as a comment. */
	static String repin(String requirements, String name, String version) {
		StringBuilder out = new StringBuilder();
		boolean done = false;
		for (String line : requirements.split("\n", -1)) {
			if (!done && !line.strip().startsWith("#") && name(line).equals(normal(name))) {
				out.append(normal(name)).append("==").append(version).append("  # re-pinned by Cairn's fix-forward (was: ")
						.append(line.strip()).append(')');
				done = true;
			} else {
				out.append(line);
			}
			out.append('\n');
		}
		String result = out.substring(0, out.length() - 1);
		return done ? result : null;
	}

	/** The normalised package name of a requirement line ({@code FastAPI[all]>=0.1} -> {@code fastapi}). */
	static String name(String requirement) {
		String s = requirement.strip();
		int cut = s.length();
		for (char c : new char[] { '<', '>', '=', '!', '~', ';', '[', ' ', '#', '@' }) {
			int i = s.indexOf(c);
			if (i >= 0 && i < cut) {
				cut = i;
			}
		}
		return normal(s.substring(0, cut));
	}

	private static String normal(String name) {
		return name.toLowerCase(Locale.ROOT).replace('_', '-').replace('.', '-');
	}

	private static String lastLine(String s) {
		List<String> lines = s.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
		return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
	}

	static Optional<String> describe(Diagnosis d) {
		return d.fixable() ? Optional.of(d.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + d.detail())
				: Optional.empty();
	}
}
