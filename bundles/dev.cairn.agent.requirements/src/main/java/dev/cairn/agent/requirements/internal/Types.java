package dev.cairn.agent.requirements.internal;

import java.util.Map;

/** Field types: explicit hints in the prompt, else a guess from the field's name. */
final class Types {
	private static final Map<String, String> HINTS = Map.ofEntries(Map.entry("int", "int"), Map.entry("integer", "int"),
			Map.entry("number", "int"), Map.entry("count", "int"), Map.entry("float", "float"),
			Map.entry("decimal", "float"), Map.entry("double", "float"), Map.entry("real", "float"),
			Map.entry("bool", "bool"), Map.entry("boolean", "bool"), Map.entry("flag", "bool"), Map.entry("date", "date"),
			Map.entry("str", "str"), Map.entry("string", "str"), Map.entry("text", "str"));

	private Types() {
	}

	/** A word that only ever names a type (never part of a field name): int, integer, float, bool, string, ... */
	static String pureHint(String word) {
		return java.util.Set.of("date", "number", "count", "real").contains(word) ? null : hint(word);
	}

	static String hint(String word) {
		return HINTS.get(word.trim());
	}

	static String guess(String name) {
		if (name.matches("(?:.*_)?(?:year|count|quantity|qty|age|pages|page_count|stock|number_of_.*|.*_count|"
				+ "rank|position|priority|floor|capacity|duration_minutes|minutes|seconds|votes|likes)")) {
			return "int";
		}
		if (name.matches("(?:.*_)?(?:price|amount|cost|total|weight|height|width|length|rating|score|balance|salary|"
				+ "latitude|longitude|lat|lon|lng|percentage|percent|rate|temperature)")) {
			return "float";
		}
		if (name.matches("(?:is|has|can)_.*|done|completed|complete|active|enabled|available|published|archived|"
				+ "verified|paid|in_stock|finished|read|visible")) {
			return "bool";
		}
		if (name.matches(".*(?:_date|_on|_day)|date|birthday|deadline|due|dob|date_of_.*")) {
			return "date";
		}
		return "str";
	}
}
