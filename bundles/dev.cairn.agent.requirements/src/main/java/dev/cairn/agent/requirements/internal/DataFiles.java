package dev.cairn.agent.requirements.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cairn.api.CairnException;

/**
 * Reads the columns of a CSV or JSON input document (an array of flat objects) and infers each column's type and
 * whether it is required from its values, so {@code --input sales.csv} describes an entity as well as a prompt can.
 */
final class DataFiles {
	/** Rows looked at to infer types; enough to see optional columns, cheap for large files. */
	static final int SAMPLE_ROWS = 500;

	static boolean isData(Path file) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		return name.endsWith(".csv") || name.endsWith(".json");
	}

	/** The entity a data file describes: named after the file, one field per column. */
	static PromptParser.Entity entity(Path file) throws IOException {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		List<String> header;
		List<List<String>> rows = new ArrayList<>();
		if (name.endsWith(".csv")) {
			List<List<String>> all = dev.cairn.api.template.SampleData.parseCsv(readHead(file), SAMPLE_ROWS + 1);
			if (all.isEmpty() || all.get(0).stream().allMatch(String::isBlank)) {
				throw CairnException.usage("input document " + file + " has no header row");
			}
			header = all.get(0);
			rows = all.subList(1, all.size());
		} else {
			JsonNode root;
			try {
				root = new ObjectMapper().readTree(file.toFile());
			} catch (IOException e) {
				throw CairnException.usage("input document " + file + " is not valid JSON: "
						+ e.getMessage().lines().findFirst().orElse(""));
			}
			if (root == null || !root.isArray() || root.isEmpty() || !root.get(0).isObject()) {
				throw CairnException.usage("input document " + file + " must be a JSON array of objects");
			}
			header = new ArrayList<>();
			for (JsonNode row : root) {
				for (Iterator<String> it = row.fieldNames(); it.hasNext();) {
					String f = it.next();
					if (!header.contains(f)) {
						header.add(f);
					}
				}
			}
			for (JsonNode row : root) {
				if (rows.size() >= SAMPLE_ROWS) {
					break;
				}
				List<String> values = new ArrayList<>();
				for (String h : header) {
					JsonNode v = row.get(h);
					values.add(v == null || v.isNull() ? "" : v.asText());
				}
				rows.add(values);
			}
		}
		String stem = name.replaceAll("\\.(csv|json)$", "");
		String entity = PromptParser.identifier(stem.replaceAll("[^a-z0-9]+", " "));
		if (entity == null) {
			entity = "record";
		}
		String singular = Inflector.singular(entity);
		List<PromptParser.Field> fields = new ArrayList<>();
		Map<String, Integer> seen = new LinkedHashMap<>();
		for (int c = 0; c < header.size(); c++) {
			String column = PromptParser.identifier(header.get(c).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " "));
			if (column == null || seen.containsKey(column)) {
				continue;
			}
			if (PromptParser.PYTHON_WORDS.contains(column)) {
				column = column + "_value";
			}
			seen.put(column, c);
			int col = c;
			List<String> values = rows.stream().map(r -> col < r.size() ? r.get(col).trim() : "").toList();
			boolean required = !values.isEmpty() && values.stream().noneMatch(String::isEmpty);
			fields.add(new PromptParser.Field(column, type(values), required));
		}
		if (fields.isEmpty()) {
			throw CairnException.usage("input document " + file + " has no usable column names");
		}
		return new PromptParser.Entity(singular, Inflector.plural(singular), fields);
	}

	/**
	 * The narrowest type (int, float, bool, date, else str) that at least 95% of the non-empty values fit: a few
	 * malformed cells are bad rows for the project to reject, not a reason to treat a number column as text.
	 */
	static String type(List<String> values) {
		List<String> present = values.stream().filter(v -> !v.isEmpty()).toList();
		if (present.isEmpty()) {
			return "str";
		}
		if (mostly(present, "[-+]?\\d{1,18}")) {
			return "int";
		}
		if (mostly(present, "[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
			return "float";
		}
		if (mostly(present, "(?i)true|false")) {
			return "bool";
		}
		if (mostly(present, "\\d{4}-\\d{2}-\\d{2}")) {
			return "date";
		}
		return "str";
	}

	private static boolean mostly(List<String> values, String regex) {
		long fit = values.stream().filter(v -> v.matches(regex)).count();
		return fit * 100 >= values.size() * 95L;
	}

	private static String readHead(Path file) throws IOException {
		byte[] bytes;
		try (var in = Files.newInputStream(file)) {
			bytes = in.readNBytes(RequirementsAgent.MAX_INPUT_CHARS * 4);
		}
		String text = new String(bytes, StandardCharsets.UTF_8);
		return text.startsWith("\uFEFF") ? text.substring(1) : text;
	}
}
