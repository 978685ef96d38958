package dev.cairn.api.template;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Deterministic sample rows for an entity of the spec, for templates that ship data with a project (an ETL's input,
 * a dashboard's records). Values follow the field's type and name: years look like years, prices like prices, and
 * text fields that sound like categories ({@code region}, {@code status}, ...) repeat a few values so grouping and
 * charts have something to show. The same entity and seed always give the same rows. Also reads and writes the
 * CSV such data travels in.
 */
public final class SampleData {
	private static final List<String> CATEGORY_WORDS = List.of("region", "category", "status", "type", "kind", "group",
			"department", "country", "city", "segment", "channel", "genre", "team", "level", "product", "brand", "store");
	private static final List<String> CATEGORIES = List.of("north", "south", "east", "west", "central");

	private SampleData() {
	}

	/**
	 * {@code count} rows for {@code entity} (a spec entity: {@code fields} with {@code name}, {@code type},
	 * {@code required}); values are Java strings, integers, doubles, booleans or ISO dates as text, and optional
	 * fields are empty ({@code null}) in about one row in seven.
	 */
	@SuppressWarnings("unchecked")
	public static List<Map<String, Object>> rows(Map<String, Object> entity, int count, long seed) {
		List<Map<String, Object>> fields = (List<Map<String, Object>>) entity.get("fields");
		Random random = new Random(seed ^ String.valueOf(entity.get("name")).hashCode());
		List<Map<String, Object>> rows = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Map<String, Object> row = new LinkedHashMap<>();
			for (Map<String, Object> field : fields) {
				String name = (String) field.get("name");
				boolean required = !Boolean.FALSE.equals(field.get("required"));
				if (!required && i % 7 == 3) {
					row.put(name, null);
					continue;
				}
				row.put(name, value(name, (String) field.get("type"), i, random));
			}
			rows.add(row);
		}
		return rows;
	}

	/** Whether a text field reads like a category (few distinct values) rather than free text. */
	public static boolean categorical(String fieldName) {
		String n = fieldName.toLowerCase(Locale.ROOT);
		return CATEGORY_WORDS.stream().anyMatch(n::contains);
	}

	static Object value(String name, String type, int i, Random random) {
		String n = name.toLowerCase(Locale.ROOT);
		return switch (type) {
			case "int" -> n.contains("year") ? 1990 + random.nextInt(35)
					: n.contains("age") ? 18 + random.nextInt(60) : 1 + random.nextInt(n.contains("count") ? 500 : 50);
			case "float" -> Math.round((n.contains("price") || n.contains("amount") || n.contains("cost")
					|| n.contains("revenue") ? 5 + random.nextDouble() * 195 : random.nextDouble() * 100) * 100) / 100.0;
			case "bool" -> random.nextBoolean();
			case "date" -> LocalDate.of(2024, 1, 1).plusDays(random.nextInt(366)).toString();
			default -> categorical(n) ? CATEGORIES.get(random.nextInt(CATEGORIES.size()))
					: Character.toUpperCase(n.charAt(0)) + n.substring(1).replace('_', ' ') + " " + (i + 1);
		};
	}

	/** The rows as CSV text with a header, RFC 4180 quoting, empty cells for missing values. */
	public static String csv(List<String> columns, List<Map<String, Object>> rows) {
		StringBuilder b = new StringBuilder(String.join(",", columns.stream().map(SampleData::quote).toList()))
				.append('\n');
		for (Map<String, Object> row : rows) {
			List<String> cells = new ArrayList<>();
			for (String c : columns) {
				Object v = row.get(c);
				cells.add(v == null ? "" : quote(String.valueOf(v)));
			}
			b.append(String.join(",", cells)).append('\n');
		}
		return b.toString();
	}

	private static String quote(String s) {
		return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
	}

	/**
	 * Parses CSV text (RFC 4180: quoted fields, doubled quotes, CRLF) into at most {@code maxRecords} records, the
	 * header included; a leading byte-order mark is skipped.
	 */
	public static List<List<String>> parseCsv(String text, int maxRecords) {
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		List<List<String>> records = new ArrayList<>();
		List<String> record = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < text.length() && records.size() < maxRecords; i++) {
			char ch = text.charAt(i);
			if (quoted) {
				if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
					field.append('"');
					i++;
				} else if (ch == '"') {
					quoted = false;
				} else {
					field.append(ch);
				}
			} else if (ch == '"') {
				quoted = true;
			} else if (ch == ',') {
				record.add(field.toString());
				field.setLength(0);
			} else if (ch == '\n' || ch == '\r') {
				if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
					i++;
				}
				record.add(field.toString());
				field.setLength(0);
				if (!(record.size() == 1 && record.get(0).isEmpty())) {
					records.add(record);
				}
				record = new ArrayList<>();
			} else {
				field.append(ch);
			}
		}
		if (records.size() < maxRecords && (field.length() > 0 || !record.isEmpty())) {
			record.add(field.toString());
			records.add(record);
		}
		return records;
	}
}
