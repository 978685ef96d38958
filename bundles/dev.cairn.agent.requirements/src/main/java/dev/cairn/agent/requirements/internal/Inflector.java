package dev.cairn.agent.requirements.internal;

import java.util.Map;

/** English singular and plural for entity names (the common rules and the usual irregulars). */
final class Inflector {
	private static final Map<String, String> IRREGULAR = Map.ofEntries(Map.entry("people", "person"),
			Map.entry("children", "child"), Map.entry("men", "man"), Map.entry("women", "woman"),
			Map.entry("mice", "mouse"), Map.entry("geese", "goose"), Map.entry("teeth", "tooth"),
			Map.entry("feet", "foot"), Map.entry("data", "datum"), Map.entry("series", "series"),
			Map.entry("species", "species"),
			// -ies words whose singular ends in -ie, not -y
			Map.entry("movies", "movie"), Map.entry("cookies", "cookie"), Map.entry("zombies", "zombie"),
			Map.entry("pies", "pie"), Map.entry("ties", "tie"), Map.entry("calories", "calorie"),
			Map.entry("brownies", "brownie"), Map.entry("selfies", "selfie"), Map.entry("rookies", "rookie"),
			Map.entry("lies", "lie"), Map.entry("genies", "genie"));

	private Inflector() {
	}

	static String singular(String word) {
		if (IRREGULAR.containsKey(word)) {
			return IRREGULAR.get(word);
		}
		if (word.endsWith("ies") && word.length() > 4) {
			return word.substring(0, word.length() - 3) + "y";
		}
		if (word.matches(".*(?:ss|sh|ch|x|z)es")) {
			return word.substring(0, word.length() - 2);
		}
		if (word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us") && !word.endsWith("is")
				&& word.length() > 3) {
			return word.substring(0, word.length() - 1);
		}
		return word;
	}

	static String plural(String singular) {
		for (Map.Entry<String, String> e : IRREGULAR.entrySet()) {
			if (e.getValue().equals(singular)) {
				return e.getKey();
			}
		}
		if (singular.matches(".*[^aeiou]y")) {
			return singular.substring(0, singular.length() - 1) + "ies";
		}
		if (singular.matches(".*(?:s|sh|ch|x|z)")) {
			return singular + "es";
		}
		return singular + "s";
	}
}
