package dev.cairn.agent.requirements.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic requirements: finds entities and their typed fields in ordinary English. Handles
 * "books with title, author and year", "books (title, author, year)", "a book has a title and an optional
 * description", typed hints ("year: int", "price (float)", "integer pages") and several entities per prompt.
 */
final class PromptParser {
	record Field(String name, String type, boolean required) {
	}

	record Entity(String name, String plural, List<Field> fields) {
	}

	record Result(List<Entity> entities, List<String> assumptions) {
	}

	/** Words that name the thing being built, not an entity in it. */
	static final Set<String> NOT_ENTITIES = Set.of("service", "api", "app", "application", "backend", "server", "crud",
			"system", "project", "tool", "website", "site", "endpoint", "endpoints", "database", "db", "rest", "fastapi",
			"it", "that", "this", "one", "each", "every", "them", "and", "a", "an", "the", "some", "data", "microservice");

	static final Set<String> PYTHON_WORDS = Set.of("id", "class", "def", "from", "import", "global", "lambda", "return",
			"pass", "yield", "none", "true", "false", "and", "or", "not", "in", "is", "if", "else", "for", "while", "with",
			"as", "try", "except", "raise", "del", "async", "await", "assert", "break", "continue", "elif", "finally",
			"nonlocal");

	private static final Pattern CONNECTOR = Pattern.compile(
			"\\b(?:with(?: fields| the fields| attributes)?|having|containing|that (?:has|have)|which (?:has|have)|(?:has|have)(?: an?)?)\\b:?");
	private static final Pattern PARENS = Pattern.compile("\\b([a-z][a-z_]*(?: [a-z][a-z_]*)?)\\s*\\(([^()]*)\\)");
	private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9_]*");

	Result parse(String prompt) {
		String text = prompt.toLowerCase(Locale.ROOT).replaceAll("[`\"']", " ").replaceAll("\\s+", " ");
		List<String> assumptions = new ArrayList<>();
		Map<String, Entity> entities = new LinkedHashMap<>();

		// "books (title, author, year)"; skip type hints such as "price (float)" inside a field list
		Matcher parens = PARENS.matcher(text);
		StringBuilder rest = new StringBuilder();
		int last = 0;
		while (parens.find()) {
			String inside = parens.group(2).trim();
			if (Types.hint(inside) != null || inside.equals("optional") || inside.equals("required")) {
				continue;
			}
			String entity = lastWord(parens.group(1));
			if (entity != null && !NOT_ENTITIES.contains(entity)) {
				add(entities, entity, inside, assumptions);
				rest.append(text, last, parens.start()).append(" . ");
				last = parens.end();
			}
		}
		rest.append(text.substring(last));
		text = rest.toString();

		// "<entity> with <fields>" clauses; a clause's fields end where the next clause's entity word begins
		List<int[]> connectors = new ArrayList<>();
		Matcher m = CONNECTOR.matcher(text);
		while (m.find()) {
			connectors.add(new int[] { m.start(), m.end() });
		}
		for (int i = 0; i < connectors.size(); i++) {
			int[] c = connectors.get(i);
			String before = text.substring(0, c[0]).trim();
			String entity = lastWord(before);
			if (entity == null || NOT_ENTITIES.contains(entity)) {
				continue;
			}
			int end = text.length();
			if (i + 1 < connectors.size()) {
				String between = text.substring(c[1], connectors.get(i + 1)[0]);
				// drop the next entity word (and "and"/articles before it) from this clause's fields
				int cut = between.replaceAll("\\s+$", "").lastIndexOf(' ');
				end = c[1] + (cut < 0 ? 0 : cut);
			}
			String fields = text.substring(c[1], end);
			int stop = firstSentenceEnd(fields);
			add(entities, entity, fields.substring(0, stop), assumptions);
		}

		if (entities.isEmpty()) {
			assumptions.add("the prompt names no entity with fields; assumed one resource 'item' with a name and an "
					+ "optional description (say e.g. 'for books with title, author and year')");
			entities.put("item", new Entity("item", "items",
					List.of(new Field("name", "str", true), new Field("description", "str", false))));
		}
		return new Result(List.copyOf(entities.values()), assumptions);
	}

	private static int firstSentenceEnd(String s) {
		Matcher end = Pattern.compile("[.;!?](\\s|$)|\\b(?:so that|that can|which can|where|using|built with|in python)\\b")
				.matcher(s);
		return end.find() ? end.start() : s.length();
	}

	private static String lastWord(String s) {
		Matcher w = WORD.matcher(s);
		String last = null;
		while (w.find()) {
			last = w.group();
		}
		return last;
	}

	private void add(Map<String, Entity> entities, String word, String fieldText, List<String> assumptions) {
		String singular = Inflector.singular(word);
		String plural = Inflector.plural(singular);
		if (PYTHON_WORDS.contains(singular)) {
			singular = singular + "_item";
			plural = singular + "s";
		}
		List<Field> fields = fields(fieldText, singular, assumptions);
		if (fields.isEmpty()) {
			return;
		}
		Entity existing = entities.get(singular);
		if (existing != null) {
			List<Field> merged = new ArrayList<>(existing.fields());
			fields.stream().filter(f -> merged.stream().noneMatch(g -> g.name().equals(f.name()))).forEach(merged::add);
			fields = merged;
		}
		if (fields.stream().noneMatch(Field::required)) {
			Field first = fields.get(0);
			fields = new ArrayList<>(fields);
			fields.set(0, new Field(first.name(), first.type(), true));
			assumptions.add("every field of " + singular + " was optional; '" + first.name() + "' is treated as required");
		}
		entities.put(singular, new Entity(singular, plural, List.copyOf(fields)));
	}

	private static List<Field> fields(String text, String entity, List<String> assumptions) {
		List<Field> out = new ArrayList<>();
		for (String raw : text.split(",|;|\\band\\b|\\bplus\\b|&|/")) {
			String piece = raw.trim().replaceAll("^(?:also |a |an |the |its |their |some )+", "").trim();
			if (piece.isEmpty()) {
				continue;
			}
			boolean optional = piece.matches(".*\\b(?:optional|optionally|maybe|nullable)\\b.*");
			piece = piece.replaceAll("\\b(?:optional|optionally|required|mandatory|nullable|maybe|a|an|the)\\b", " ")
					.replaceAll("[()]", " ").trim();
			String type = null;
			// "year: int", "year as integer", "price float", "integer pages"
			Matcher hint = Pattern.compile("^(.*?)\\s*(?::|\\bas\\b|\\bof type\\b)\\s*([a-z]+)$").matcher(piece);
			if (hint.matches() && Types.hint(hint.group(2)) != null) {
				type = Types.hint(hint.group(2));
				piece = hint.group(1);
			} else {
				String[] words = piece.split("\\s+");
				// "birth date", "page count": a noun that is also a type word stays part of the name
				if (words.length > 1 && Types.pureHint(words[words.length - 1]) != null) {
					type = Types.hint(words[words.length - 1]);
					piece = piece.substring(0, piece.lastIndexOf(' '));
				} else if (words.length > 1 && Types.pureHint(words[0]) != null) {
					type = Types.hint(words[0]);
					piece = piece.substring(piece.indexOf(' ') + 1);
				}
			}
			String name = identifier(piece);
			if (name == null) {
				continue;
			}
			if (name.equals("id")) {
				assumptions.add(entity + ".id is generated by the service, not a field clients send");
				continue;
			}
			if (PYTHON_WORDS.contains(name)) {
				assumptions.add("field '" + name + "' of " + entity + " is named '" + name + "_value' (a Python keyword)");
				name = name + "_value";
			}
			String finalName = name;
			if (out.stream().anyMatch(f -> f.name().equals(finalName))) {
				continue;
			}
			out.add(new Field(name, type != null ? type : Types.guess(name), !optional));
		}
		return out;
	}

	/** Up to three words joined with underscores; {@code null} when nothing usable is left. */
	static String identifier(String words) {
		List<String> parts = new ArrayList<>();
		Matcher w = WORD.matcher(words.replace('-', ' '));
		while (w.find() && parts.size() < 3) {
			parts.add(w.group());
		}
		if (parts.isEmpty()) {
			return null;
		}
		String name = String.join("_", parts);
		return name.length() > 40 ? name.substring(0, 40) : name;
	}
}
