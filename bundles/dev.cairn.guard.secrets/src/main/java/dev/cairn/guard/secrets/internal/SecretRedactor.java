package dev.cairn.guard.secrets.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Component;

import dev.cairn.api.guard.Redactor;

/**
 * Replaces secrets with {@code [REDACTED:<rule>]} before a text reaches any sink. Three layers: the values of
 * secrets in Cairn's own environment (variables named like keys, tokens, secrets and passwords), known token
 * formats (rules.txt), and high-entropy values assigned to names that sound secret ({@code password=...},
 * {@code "api_key": "..."}). Registered with a ranking above zero so it is the active redaction hook.
 */
@Component(property = "service.ranking:Integer=100")
public final class SecretRedactor implements Redactor {
	/** A rule runs only on text that contains one of its hints (lower case); no hints: always. */
	record Rule(String id, List<String> hints, Pattern pattern) {
		boolean mayMatch(String lowerCase) {
			return hints.isEmpty() || hints.stream().anyMatch(lowerCase::contains);
		}
	}

	private static final List<String> ASSIGNMENT_HINTS = List.of("key", "token", "secret", "passw", "pwd", "credential",
			"auth");

	/** Names of variables whose values are secrets. */
	static final Pattern SECRET_NAME = Pattern.compile("(?i).*(?:api_?key|token|secret|password|passwd|credential|private_?key)s?$");
	// bounded name parts and a word boundary keep the scan linear: an unbounded prefix made every position of a
	// file a backtracking start (1 MB/s); see bench/guard.sh
	private static final Pattern ASSIGNMENT = Pattern.compile(
			"(?i)(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]{0,30}?(?:api_?key|token|secret|password|passwd|pwd|credential|auth)[A-Za-z0-9_.-]{0,30})"
					+ "([\"']?[ \\t]*[:=][ \\t]*[\"']?)([^\\s\"',;]{8,})");
	static final int MIN_SECRET_LENGTH = 8;

	private final List<Rule> rules;
	private final List<Map.Entry<String, String>> values;

	public SecretRedactor() {
		this(System.getenv());
	}

	SecretRedactor(Map<String, String> environment) {
		this.rules = load();
		List<Map.Entry<String, String>> v = new ArrayList<>();
		environment.forEach((name, value) -> {
			if (SECRET_NAME.matcher(name).matches() && value != null && value.length() >= MIN_SECRET_LENGTH) {
				v.add(Map.entry(name, value));
			}
		});
		// longest first, so a value containing another is replaced whole
		v.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> -e.getValue().length()));
		this.values = List.copyOf(v);
	}

	@Override
	public String redact(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		String out = text;
		for (Map.Entry<String, String> secret : values) {
			if (out.contains(secret.getValue())) {
				out = out.replace(secret.getValue(), "[REDACTED:env:" + secret.getKey() + "]");
			}
		}
		String lower = out.toLowerCase(java.util.Locale.ROOT);
		for (Rule rule : rules) {
			if (rule.mayMatch(lower)) {
				out = replace(out, rule);
			}
		}
		if (ASSIGNMENT_HINTS.stream().noneMatch(lower::contains)) {
			return out;
		}
		Matcher m = ASSIGNMENT.matcher(out);
		StringBuilder b = new StringBuilder();
		while (m.find()) {
			String value = m.group(3);
			// code (os.environ[...], settings.TOKEN, ${VAR}, f(x)) is not a secret; a random-looking literal is
			boolean secretLooking = !value.startsWith("[REDACTED") && entropy(value) >= 3.0 && !value.matches("[a-z_]+")
					&& !value.matches(".*[\\[\\](){}<>$].*") && !value.matches("[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*)+.*");
			m.appendReplacement(b, Matcher.quoteReplacement(secretLooking
					? m.group(1) + m.group(2) + "[REDACTED:generic-secret]" : m.group()));
		}
		m.appendTail(b);
		return b.toString();
	}

	private static String replace(String text, Rule rule) {
		Matcher m = rule.pattern().matcher(text);
		if (!m.find()) {
			return text;
		}
		StringBuilder b = new StringBuilder();
		do {
			String marker = "[REDACTED:" + rule.id() + "]";
			if (m.groupCount() >= 1 && m.group(1) != null) {
				String whole = m.group();
				int from = m.start(1) - m.start();
				int to = m.end(1) - m.start();
				m.appendReplacement(b, Matcher.quoteReplacement(whole.substring(0, from) + marker + whole.substring(to)));
			} else {
				m.appendReplacement(b, Matcher.quoteReplacement(marker));
			}
		} while (m.find());
		m.appendTail(b);
		return b.toString();
	}

	/** Shannon entropy in bits per character. */
	static double entropy(String s) {
		int[] counts = new int[128];
		int other = 0;
		for (char c : s.toCharArray()) {
			if (c < 128) {
				counts[c]++;
			} else {
				other++;
			}
		}
		double h = 0;
		for (int n : counts) {
			if (n > 0) {
				double p = (double) n / s.length();
				h -= p * Math.log(p) / Math.log(2);
			}
		}
		if (other > 0) {
			double p = (double) other / s.length();
			h -= p * Math.log(p) / Math.log(2);
		}
		return h;
	}

	List<String> ruleIds() {
		return rules.stream().map(Rule::id).toList();
	}

	private static List<Rule> load() {
		List<Rule> rules = new ArrayList<>();
		try (InputStream in = SecretRedactor.class.getResourceAsStream("/dev/cairn/guard/secrets/rules.txt");
				BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			for (String line; (line = r.readLine()) != null;) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] cols = line.split("\t", 3);
				List<String> hints = cols[1].isBlank() || cols[1].equals("-") ? List.of()
						: java.util.Arrays.stream(cols[1].split(",")).map(String::trim).toList();
				rules.add(new Rule(cols[0], hints, Pattern.compile(cols[2])));
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return List.copyOf(rules);
	}
}
