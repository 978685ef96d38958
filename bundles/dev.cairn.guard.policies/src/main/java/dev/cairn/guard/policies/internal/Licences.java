package dev.cairn.guard.policies.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns what packages declare (SPDX expressions, free-text licence names, Python trove classifiers) into SPDX
 * identifiers, and answers whether an expression is satisfied by a set of allowed identifiers.
 */
final class Licences {
	/** Common free-text names and classifiers to SPDX ids; matching is on the lower-cased, trimmed text. */
	private static final Map<String, String> NAMES = Map.ofEntries(Map.entry("mit", "MIT"),
			Map.entry("mit license", "MIT"), Map.entry("the mit license", "MIT"),
			Map.entry("apache", "Apache-2.0"), Map.entry("apache 2.0", "Apache-2.0"), Map.entry("apache-2", "Apache-2.0"),
			Map.entry("apache license 2.0", "Apache-2.0"), Map.entry("apache license, version 2.0", "Apache-2.0"),
			Map.entry("apache software license", "Apache-2.0"), Map.entry("apache 2", "Apache-2.0"),
			Map.entry("bsd", "BSD-3-Clause"), Map.entry("bsd license", "BSD-3-Clause"),
			Map.entry("new bsd license", "BSD-3-Clause"), Map.entry("bsd-3", "BSD-3-Clause"),
			Map.entry("3-clause bsd license", "BSD-3-Clause"), Map.entry("simplified bsd", "BSD-2-Clause"),
			Map.entry("isc license", "ISC"), Map.entry("isc license (iscl)", "ISC"),
			Map.entry("python software foundation license", "PSF-2.0"), Map.entry("psf", "PSF-2.0"),
			Map.entry("mozilla public license 2.0 (mpl 2.0)", "MPL-2.0"), Map.entry("mozilla public license 2.0", "MPL-2.0"),
			Map.entry("mpl 2.0", "MPL-2.0"),
			Map.entry("gnu general public license v3 (gplv3)", "GPL-3.0-only"),
			Map.entry("gnu general public license v2 (gplv2)", "GPL-2.0-only"),
			Map.entry("gnu general public license (gpl)", "GPL-2.0-or-later"),
			Map.entry("gnu lesser general public license v3 (lgplv3)", "LGPL-3.0-only"),
			Map.entry("gnu lesser general public license v2 or later (lgplv2+)", "LGPL-2.0-or-later"),
			Map.entry("gnu affero general public license v3", "AGPL-3.0-only"),
			Map.entry("the unlicense (unlicense)", "Unlicense"), Map.entry("unlicense", "Unlicense"),
			Map.entry("zero-clause bsd (0bsd)", "0BSD"), Map.entry("blueoak-1.0.0", "BlueOak-1.0.0"),
			Map.entry("cc0-1.0", "CC0-1.0"), Map.entry("historical permission notice and disclaimer (hpnd)", "HPND"));

	private Licences() {
	}

	/** SPDX ids named by a declaration; several when it is an expression. Empty when nothing is declared. */
	static Set<String> ids(String declared) {
		Set<String> ids = new LinkedHashSet<>();
		if (declared == null || declared.isBlank() || declared.equalsIgnoreCase("unknown")
				|| declared.equalsIgnoreCase("none") || declared.equalsIgnoreCase("UNLICENSED")) {
			return ids;
		}
		String whole = NAMES.get(declared.trim().replaceFirst("^License :: (?:OSI Approved :: )?", "").trim()
				.toLowerCase(Locale.ROOT));
		if (whole != null) {
			return Set.of(whole); // a known name as a whole, e.g. "Mozilla Public License 2.0 (MPL 2.0)"
		}
		for (String part : declared.split("\\s+(?:OR|AND|or|and|WITH)\\s+|\\s*[;|/]\\s*|[()]")) {
			String p = part.trim().replaceFirst("^License :: (?:OSI Approved :: )?", "").trim();
			if (p.isEmpty()) {
				continue;
			}
			String mapped = NAMES.get(p.toLowerCase(Locale.ROOT));
			ids.add(mapped != null ? mapped : p.replaceAll("\\s+", "-"));
		}
		return ids;
	}

	/**
	 * Whether {@code declared} may be used under {@code allowed}: an {@code OR} needs one allowed alternative,
	 * anything else needs every named licence allowed.
	 */
	static boolean satisfied(String declared, List<String> allowed) {
		if (declared.contains(" OR ") || declared.contains(" or ")) {
			for (String alternative : declared.replaceAll("[()]", "").split("\\s+(?:OR|or)\\s+")) {
				if (satisfied(alternative, allowed)) {
					return true;
				}
			}
			return false;
		}
		Set<String> ids = ids(declared);
		return !ids.isEmpty() && allowed.containsAll(ids);
	}

	/**
	 * Weak (file- or library-level) copyleft: using such a package unmodified as a dependency does not extend its
	 * licence to the project, copying its code into the project does.
	 */
	static boolean weakCopyleft(String id) {
		String u = id.toUpperCase(Locale.ROOT);
		return u.startsWith("LGPL") || u.startsWith("MPL") || u.startsWith("EPL") || u.startsWith("CDDL");
	}

	/** Copyleft and proprietary families by SPDX id prefix. */
	static boolean restrictive(String id) {
		String u = id.toUpperCase(Locale.ROOT);
		return u.startsWith("GPL") || u.startsWith("AGPL") || u.startsWith("LGPL") || u.startsWith("MPL")
				|| u.startsWith("SSPL") || u.startsWith("EUPL") || u.startsWith("CDDL") || u.startsWith("EPL")
				|| u.startsWith("OSL") || u.contains("PROPRIETARY") || u.startsWith("BUSL") || u.startsWith("COMMONS-CLAUSE");
	}
}
