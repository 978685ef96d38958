package dev.cairn.shell.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders rows as an aligned table that fits a terminal width, or as plain tab-separated lines. When a table is too
 * wide, the widest column is narrowed first and cut values end in "~".
 */
final class TextTable {
	private final List<String> headers;
	private final List<List<String>> rows = new ArrayList<>();

	TextTable(List<String> headers) {
		this.headers = List.copyOf(headers);
	}

	TextTable row(List<String> cells) {
		if (cells.size() != headers.size()) {
			throw new IllegalArgumentException("row has " + cells.size() + " cells, table has " + headers.size());
		}
		rows.add(cells.stream().map(c -> c == null ? "" : c).toList());
		return this;
	}

	String plain() {
		StringBuilder b = new StringBuilder(String.join("\t", headers));
		rows.forEach(r -> b.append('\n').append(String.join("\t", r)));
		return b.toString();
	}

	String render(int maxWidth) {
		int n = headers.size();
		int[] width = new int[n];
		for (int i = 0; i < n; i++) {
			width[i] = headers.get(i).length();
			for (List<String> r : rows) {
				width[i] = Math.max(width[i], r.get(i).length());
			}
		}
		// columns are separated by two spaces
		while (total(width) > maxWidth) {
			int widest = 0;
			for (int i = 1; i < n; i++) {
				if (width[i] > width[widest]) {
					widest = i;
				}
			}
			if (width[widest] <= 4) {
				break;
			}
			width[widest]--;
		}
		StringBuilder b = new StringBuilder();
		line(b, headers, width);
		for (List<String> r : rows) {
			b.append('\n');
			line(b, r, width);
		}
		return b.toString();
	}

	private static int total(int[] width) {
		int sum = 2 * (width.length - 1);
		for (int w : width) {
			sum += w;
		}
		return sum;
	}

	private static void line(StringBuilder b, List<String> cells, int[] width) {
		StringBuilder line = new StringBuilder();
		for (int i = 0; i < cells.size(); i++) {
			String cell = cells.get(i);
			if (cell.length() > width[i]) {
				cell = cell.substring(0, width[i] - 1) + "~";
			}
			line.append(cell);
			if (i < cells.size() - 1) {
				line.append(" ".repeat(width[i] - cell.length() + 2));
			}
		}
		b.append(line.toString().stripTrailing());
	}

	/** The terminal width: {@code COLUMNS} (exported by the agent script), else 120. */
	static int terminalWidth() {
		String columns = System.getenv("COLUMNS");
		if (columns == null) {
			columns = System.getProperty("cairn.columns");
		}
		try {
			int w = columns == null ? 0 : Integer.parseInt(columns.trim());
			return w >= 40 ? w : 120;
		} catch (NumberFormatException e) {
			return 120;
		}
	}
}
