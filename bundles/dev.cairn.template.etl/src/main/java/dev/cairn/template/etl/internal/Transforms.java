package dev.cairn.template.etl.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the transforms a prompt asks for, deterministically: derived columns ("revenue = units * price", "compute
 * revenue as units times price"), filters ("where year > 2000", "only rows where status is active") and aggregates
 * ("total revenue by region", "average price per category", "count of orders by status"). Only columns the table
 * has (or derives) are accepted; anything else becomes an assumption the user can read.
 */
final class Transforms {
	record Derived(String name, String left, String op, String right) {
	}

	record Filter(String column, String op, String value) {
	}

	record Aggregate(String func, String column, String by) {
	}

	record Result(List<Derived> derived, List<Filter> filters, List<Aggregate> aggregates, List<String> notes) {
	}

	private static final String W = "([a-z][a-z0-9_]*)";
	private static final Pattern DERIVED_EQ = Pattern.compile(W + "\\s*=\\s*" + W + "\\s*([*+/-])\\s*" + W);
	private static final Pattern DERIVED_AS = Pattern.compile("(?:derive|compute|add|calculate)\\s+(?:a |an |the )?" + W
			+ "(?: column)?\\s+as\\s+" + W + "\\s+(times|multiplied by|plus|minus|divided by|over)\\s+" + W);
	private static final Pattern FILTER = Pattern.compile("(?:where|only rows where|keep rows where|rows with|only|filter(?:ed)? (?:to )?(?:rows )?where)\\s+"
			+ W + "\\s*(>=|<=|!=|==|>|<|=|is at least|is at most|is above|is over|is below|is under|is not|is|equals)\\s*([a-z0-9_.-]+)");
	private static final Pattern AGGREGATE = Pattern.compile("(sum|total|average|mean|count|number|max|maximum|min|minimum)\\s+(?:of\\s+)?(?:the\\s+)?"
			+ W + "\\s+(?:by|per|for each|grouped by)\\s+" + W);

	static Result read(String prompt, Set<String> columns) {
		String text = prompt.toLowerCase(Locale.ROOT).replaceAll("[`\"']", " ");
		List<String> notes = new ArrayList<>();
		Map<String, Derived> derived = new LinkedHashMap<>();
		Set<String> known = new java.util.LinkedHashSet<>(columns);
		for (Matcher m = DERIVED_EQ.matcher(text); m.find();) {
			addDerived(derived, known, notes, m.group(1), m.group(2), m.group(3), m.group(4));
		}
		for (Matcher m = DERIVED_AS.matcher(text); m.find();) {
			String op = switch (m.group(3)) {
				case "times", "multiplied by" -> "*";
				case "plus" -> "+";
				case "minus" -> "-";
				default -> "/";
			};
			addDerived(derived, known, notes, m.group(1), m.group(2), op, m.group(4));
		}
		List<Filter> filters = new ArrayList<>();
		for (Matcher m = FILTER.matcher(text); m.find();) {
			String column = m.group(1);
			if (!known.contains(column)) {
				continue; // "only" and "where" are common words; without a known column it is not a filter
			}
			String op = switch (m.group(2)) {
				case "is at least" -> ">=";
				case "is at most" -> "<=";
				case "is above", "is over" -> ">";
				case "is below", "is under" -> "<";
				case "is not" -> "!=";
				case "=", "is", "equals" -> "==";
				default -> m.group(2);
			};
			String value = m.group(3).replaceAll("[.]$", "");
			Filter f = new Filter(column, op, value);
			if (!filters.contains(f)) {
				filters.add(f);
			}
		}
		List<Aggregate> aggregates = new ArrayList<>();
		for (Matcher m = AGGREGATE.matcher(text); m.find();) {
			String func = switch (m.group(1)) {
				case "total", "sum" -> "sum";
				case "average", "mean" -> "mean";
				case "count", "number" -> "count";
				case "max", "maximum" -> "max";
				default -> "min";
			};
			String column = m.group(2);
			String by = m.group(3);
			String singular = column.endsWith("s") ? column.substring(0, column.length() - 1) : column;
			if (func.equals("count") && !known.contains(column) && known.contains(by)) {
				column = by; // "count of orders by status": count rows per group
			} else if (!known.contains(column) && known.contains(singular)) {
				column = singular;
			}
			if (!known.contains(column) || !known.contains(by)) {
				notes.add("'" + m.group().trim() + "' names a column the data does not have; no aggregate made");
				continue;
			}
			Aggregate a = new Aggregate(func, column, by);
			if (!aggregates.contains(a)) {
				aggregates.add(a);
			}
		}
		return new Result(List.copyOf(derived.values()), filters, aggregates, notes);
	}

	private static void addDerived(Map<String, Derived> derived, Set<String> known, List<String> notes, String name,
			String left, String op, String right) {
		if (!known.contains(left) || !known.contains(right)) {
			notes.add("derived column " + name + " uses " + (known.contains(left) ? right : left)
					+ ", which the data does not have; not derived");
			return;
		}
		if (known.contains(name) && !derived.containsKey(name)) {
			notes.add("derived column " + name + " would replace an existing column; not derived");
			return;
		}
		derived.put(name, new Derived(name, left, op, right));
		known.add(name);
	}
}
