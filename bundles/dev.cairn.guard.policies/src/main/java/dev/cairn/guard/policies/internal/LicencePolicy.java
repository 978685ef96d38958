package dev.cairn.guard.policies.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cairn.api.guard.GuardDecision;
import dev.cairn.api.guard.GuardDecision.Verdict;
import dev.cairn.api.guard.GuardPolicy;
import dev.cairn.api.guard.GuardSubject;

/**
 * The licence and provenance rules the three shipped policies share, parameterised by configuration:
 * {@code allowed} (SPDX ids), {@code unknown} (verdict for a dependency that declares no licence),
 * {@code dependency.weak.copyleft} (verdict for an LGPL/MPL/EPL dependency), {@code
 * snippet.max.chars} (text of unknown origin larger than this is blocked; 0 = no limit), {@code web.search}
 * (allow/block) and {@code audit} (record what would happen, block nothing). Subjects: {@code dependency}
 * (attributes {@code licence}, {@code version}), {@code file} ({@code origin}: template/model/tool/search,
 * {@code content}, {@code source}), {@code tool} (name: web_search, file_search, code_interpreter).
 */
abstract class LicencePolicy implements GuardPolicy {
	static final String VERSION = "1.0.0";
	static final List<String> PERMISSIVE = List.of("MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "ISC", "0BSD",
			"PSF-2.0", "Python-2.0", "Unlicense", "CC0-1.0", "BlueOak-1.0.0", "HPND", "Zlib");
	private static final Pattern SPDX = Pattern.compile("SPDX-License-Identifier:\\s*([A-Za-z0-9.+() -]+?)\\s*(?:\\*/|-->|$)",
			Pattern.MULTILINE);
	private static final Pattern COPYLEFT_TEXT = Pattern.compile(
			"GNU (?:Affero |Lesser )?General Public License|Mozilla Public License|Server Side Public License|"
					+ "All rights reserved\\.?\\s+(?:Proprietary|Confidential)|\\bproprietary and confidential\\b",
			Pattern.CASE_INSENSITIVE);

	private volatile List<String> allowed = PERMISSIVE;
	private volatile Verdict unknown = Verdict.WARN;
	private volatile Verdict weakCopyleftDependency = Verdict.WARN;
	private volatile int snippetMax;
	private volatile boolean webSearch = true;
	private volatile boolean audit;

	/** The shipped defaults of this policy, overridden by its configuration. */
	abstract Map<String, Object> defaults();

	void configure(Map<String, Object> config) {
		Map<String, Object> merged = new java.util.HashMap<>(defaults());
		if (config != null) {
			config.forEach((k, v) -> {
				if (!k.startsWith("service.") && !k.startsWith("component.") && !k.startsWith("felix.")) {
					merged.put(k, v);
				}
			});
		}
		Object a = merged.get("allowed");
		allowed = a instanceof String s ? Arrays.stream(s.split("[,\\s]+")).filter(x -> !x.isBlank()).toList()
				: a instanceof String[] arr ? List.of(arr) : PERMISSIVE;
		unknown = Verdict.valueOf(String.valueOf(merged.getOrDefault("unknown", "warn")).trim().toUpperCase());
		weakCopyleftDependency = Verdict.valueOf(
				String.valueOf(merged.getOrDefault("dependency.weak.copyleft", "warn")).trim().toUpperCase());
		snippetMax = Integer.parseInt(String.valueOf(merged.getOrDefault("snippet.max.chars", "0")).trim());
		webSearch = !"block".equalsIgnoreCase(String.valueOf(merged.getOrDefault("web.search", "allow")).trim());
		audit = Boolean.parseBoolean(String.valueOf(merged.getOrDefault("audit", "false")).trim());
	}

	abstract String name();

	@Override
	public String version() {
		return VERSION;
	}

	@Override
	public GuardDecision check(GuardSubject subject) {
		GuardDecision d = switch (subject.kind()) {
			case "dependency" -> dependency(subject);
			case "file" -> file(subject);
			case "tool" -> tool(subject);
			default -> decide(Verdict.ALLOW, "no rule for " + subject.kind());
		};
		if (audit && d.verdict() != Verdict.ALLOW) {
			return decide(Verdict.ALLOW, "audit only, would " + d.verdict().name().toLowerCase() + ": " + d.reason());
		}
		return d;
	}

	private GuardDecision dependency(GuardSubject s) {
		String licence = s.attributes().get("licence");
		Set<String> ids = Licences.ids(licence);
		if (ids.isEmpty()) {
			return decide(unknown, s.name() + " declares no licence");
		}
		if (Licences.satisfied(licence, allowed)) {
			return decide(Verdict.ALLOW, s.name() + " is " + String.join(" / ", ids));
		}
		List<String> notAllowed = ids.stream().filter(id -> !allowed.contains(id)).toList();
		if (!notAllowed.isEmpty() && notAllowed.stream().allMatch(Licences::weakCopyleft)) {
			// used unmodified as a library, weak copyleft does not extend to the project; copying its code would
			return decide(weakCopyleftDependency, s.name() + " is " + licence
					+ ", weak copyleft: fine as an unmodified dependency, not to copy from");
		}
		boolean restrictive = notAllowed.stream().anyMatch(Licences::restrictive);
		return decide(restrictive ? Verdict.BLOCK : unknown, s.name() + " is " + licence
				+ (restrictive ? ", a copyleft or proprietary licence" : ", not on the allowed list"));
	}

	private GuardDecision file(GuardSubject s) {
		String content = s.attributes().getOrDefault("content", "");
		String origin = s.attributes().getOrDefault("origin", "template");
		// literal pre-checks keep the common case (no licence signal at all) a few fast scans of the text
		Matcher m = SPDX.matcher(content.contains("SPDX-License-Identifier") ? content : "");
		while (m.find()) {
			String expression = m.group(1).trim();
			if (!Licences.satisfied(expression, allowed)) {
				return decide(Verdict.BLOCK, s.name() + " carries SPDX-License-Identifier " + expression
						+ " (allowed: " + String.join(", ", allowed) + ")");
			}
		}
		String lower = content.toLowerCase(java.util.Locale.ROOT);
		boolean notice = lower.contains("public license") || lower.contains("proprietary");
		Matcher text = COPYLEFT_TEXT.matcher(notice ? content : "");
		if (text.find()) {
			return decide(Verdict.BLOCK, s.name() + " contains a licence notice (\"" + text.group() + "\")");
		}
		if (!origin.equals("template") && snippetMax > 0 && content.length() > snippetMax
				&& s.attributes().get("source") == null) {
			return decide(Verdict.BLOCK, s.name() + ": " + content.length() + " characters from " + origin
					+ " with no known source (limit " + snippetMax + ")");
		}
		return decide(Verdict.ALLOW, origin.equals("template") ? "generated by Cairn, no licence signal"
				: "no licence signal" + (s.attributes().get("source") == null ? "" : ", source " + s.attributes().get("source")));
	}

	private GuardDecision tool(GuardSubject s) {
		if (s.name().equals("web_search") && !webSearch) {
			return decide(Verdict.BLOCK, "web search is not allowed by this policy");
		}
		return decide(Verdict.ALLOW, s.name() + " allowed");
	}

	private GuardDecision decide(Verdict verdict, String reason) {
		return new GuardDecision(verdict, name(), VERSION, reason);
	}
}
