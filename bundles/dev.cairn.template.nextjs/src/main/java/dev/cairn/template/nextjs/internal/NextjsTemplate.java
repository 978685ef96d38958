package dev.cairn.template.nextjs.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.cairn.api.CairnException;
import dev.cairn.api.ServiceProperties;
import dev.cairn.api.template.Fit;
import dev.cairn.api.template.ProjectFiles;
import dev.cairn.api.template.SampleData;
import dev.cairn.api.template.StackTemplate;
import dev.cairn.api.template.TemplateDescriptor;
import dev.cairn.api.template.TestPlan;
import dev.cairn.api.template.Toolchain;

/**
 * Next.js 15 dashboard over one entity's records. The TypeScript is fixed; the spec decides the data
 * ({@code data/records.json}: the user's JSON or CSV, or deterministic sample rows) and what is shown
 * ({@code data/dashboard.json}: titles, typed columns, the chart's grouping). Checked by Vitest, {@code next build}
 * and a Chromium smoke test against {@code next start} on loopback.
 */
@Component(property = { ServiceProperties.TEMPLATE_ID + "=" + NextjsTemplate.ID,
		ServiceProperties.TEMPLATE_STACK + "=nextjs", ServiceProperties.TEMPLATE_VERSION + "=" + NextjsTemplate.VERSION })
public final class NextjsTemplate implements StackTemplate {
	static final String ID = "nextjs-dashboard";
	static final String VERSION = "1.0.0";
	static final int SAMPLE_ROWS = 40;
	/** Rows beyond this are not shipped: the table renders every record. */
	static final int MAX_ROWS = 5000;
	private static final String FILES = "/dev/cairn/template/nextjs/files/";
	private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
	static final List<String> STATIC = List.of("next.config.mjs", "tsconfig.json", "vitest.config.mts", "app/layout.tsx",
			"app/globals.css", "app/page.tsx", "app/icon.svg", "components/KpiCards.tsx", "components/BarChart.tsx",
			"components/DataTable.tsx", "lib/stats.ts", "lib/data.ts", "lib/config.ts", "tests/stats.test.ts",
			"scripts/smoke.mjs", "scripts/check.mjs");

	@Override
	public TemplateDescriptor descriptor() {
		return new TemplateDescriptor(ID, "nextjs", VERSION,
				"Next.js 15 dashboard: KPI cards, a chart, a sortable table; Vitest and a Chromium smoke test",
				List.of("next.js", "nextjs", "dashboard", "react", "chart", "kpi", "frontend", "web"));
	}

	@Override
	public Fit fit(String prompt) {
		String p = prompt.toLowerCase(Locale.ROOT);
		if (p.contains("next.js") || p.contains("nextjs") || p.matches("(?s).*\\bnext\\s*15\\b.*")) {
			return new Fit(0.95, "names Next.js");
		}
		double score = 0;
		List<String> seen = new ArrayList<>();
		for (String word : List.of("dashboard", "chart", "kpi", "react", "frontend", "web page", "visuali[sz]e")) {
			if (p.matches("(?s).*\\b" + word + "s?\\b.*")) {
				score += word.equals("dashboard") || word.equals("react") ? 0.45 : 0.2;
				seen.add(word.replace("[sz]", "s"));
			}
		}
		return seen.isEmpty() ? Fit.none("no dashboard or front-end words")
				: new Fit(Math.min(0.9, score), "mentions " + String.join(", ", seen));
	}

	@Override
	public Toolchain toolchain() {
		return new Toolchain(List.of(new Toolchain.Tool("node", "18.18", "builds and serves the dashboard (Next.js 15)"),
				new Toolchain.Tool("npm", "9.0", "installs the dashboard's packages"),
				new Toolchain.Tool("chromium", "0", "runs the browser smoke test (apt-get install chromium)")));
	}

	@Override
	public TestPlan testPlan() {
		return new TestPlan(TestPlan.NODE_NPM, "package.json", List.of("npm", "run", "check", "--", "{reports}"),
				List.of("next", "react", "react-dom", "vitest", "playwright-core", "typescript"));
	}

	@Override
	public String specSchema() {
		return resource("options.schema.json");
	}

	@Override
	public List<String> limitations(Map<String, Object> spec) {
		return List.of("Data is read at build time from data/records.json; changing it needs a rebuild.",
				"The table renders every record (no paging); meant for up to a few thousand rows.",
				"One chart (a total per group); no date axis, filters or drill-down.");
	}

	@Override
	@SuppressWarnings("unchecked")
	public Map<String, Object> specify(Map<String, Object> draft) {
		Map<String, Object> spec = new LinkedHashMap<>(draft);
		Map<String, Object> entity = ((List<Map<String, Object>>) draft.get("entities")).get(0);
		List<Map<String, Object>> fields = (List<Map<String, Object>>) entity.get("fields");
		String plural = (String) entity.get("plural");
		List<String> inputs = (List<String>) draft.getOrDefault("inputs", List.of());
		String source = inputs.stream().filter(i -> i.toLowerCase(Locale.ROOT).matches(".*\\.(csv|json)$")).findFirst()
				.orElse(null);
		String group = null;
		String value = null;
		for (Map<String, Object> f : fields) {
			String name = (String) f.get("name");
			String type = (String) f.get("type");
			if (value == null && (type.equals("int") || type.equals("float")) && !name.contains("year")
					&& !name.endsWith("_id")) {
				value = name;
			}
			if (group == null && (type.equals("str") && SampleData.categorical(name) || type.equals("bool"))) {
				group = name;
			}
		}
		if (group == null) {
			group = fields.stream().filter(f -> f.get("type").equals("str") || f.get("type").equals("int")
					&& ((String) f.get("name")).contains("year")).map(f -> (String) f.get("name")).findFirst().orElse(null);
		}
		Map<String, Object> chart = null;
		if (group != null) {
			chart = new LinkedHashMap<>();
			chart.put("by", group);
			chart.put("value", value);
		}
		Map<String, Object> options = new LinkedHashMap<>();
		options.put("entity", plural);
		options.put("source", source == null ? null : Path.of(source).getFileName().toString());
		options.put("chart", chart);
		options.put("sort_column", value != null ? value : (String) fields.get(0).get("name"));
		spec.put("title", capital(plural) + " dashboard");
		spec.put("user_stories", List.of("As a viewer I see the key figures of the " + plural + " at a glance.",
				"As a viewer I can sort the table of " + plural + " by any column.",
				"As an operator I can build and serve the dashboard offline: it loads nothing from outside."));
		List<String> criteria = new ArrayList<>(List.of("next build succeeds.",
				"The page shows the title, a Records card equal to the number of records, and one table row per record.",
				"The page hydrates: clicking a column header sorts the table; the browser logs no errors."));
		if (chart != null) {
			criteria.add("The chart shows " + (value == null ? "the count" : "the total " + value) + " per " + group
					+ ", and the groups add up to the whole.");
		}
		spec.put("acceptance_criteria", criteria);
		spec.put("options", options);
		return spec;
	}

	@Override
	@SuppressWarnings("unchecked")
	public void render(Map<String, Object> spec, ProjectFiles files) throws IOException {
		Map<String, Object> options = (Map<String, Object>) spec.get("options");
		Map<String, Object> entity = ((List<Map<String, Object>>) spec.get("entities")).get(0);
		List<Map<String, Object>> fields = (List<Map<String, Object>>) entity.get("fields");
		String plural = (String) entity.get("plural");
		String source = (String) options.get("source");
		List<Map<String, Object>> records;
		String dataText;
		if (source != null) {
			Path file = ((List<String>) spec.getOrDefault("inputs", List.of())).stream().map(Path::of)
					.filter(p -> p.getFileName().toString().equals(source)).findFirst()
					.orElseThrow(() -> CairnException.usage("input " + source + " is not among the run's inputs"));
			records = read(file, fields);
			dataText = "from " + source + ", given with --input";
		} else {
			records = SampleData.rows(entity, SAMPLE_ROWS, 42);
			dataText = SAMPLE_ROWS + " generated sample records";
		}
		if (records.size() > MAX_ROWS) {
			records = records.subList(0, MAX_ROWS);
			dataText += "; the first " + MAX_ROWS + " rows";
		}
		List<Map<String, Object>> columns = new ArrayList<>();
		StringBuilder table = new StringBuilder();
		for (Map<String, Object> f : fields) {
			String type = (String) f.get("type");
			Map<String, Object> c = new LinkedHashMap<>();
			c.put("name", f.get("name"));
			c.put("label", capital((String) f.get("name")));
			c.put("type", type);
			c.put("numeric", type.equals("int") || type.equals("float"));
			columns.add(c);
			table.append("| ").append(f.get("name")).append(" | ").append(type).append(" |\n");
		}
		Map<String, Object> chart = (Map<String, Object>) options.get("chart");
		Map<String, Object> dashboard = new LinkedHashMap<>();
		dashboard.put("title", spec.get("title"));
		dashboard.put("description", spec.get("summary"));
		dashboard.put("tableTitle", capital(plural));
		dashboard.put("columns", columns);
		if (chart != null) {
			Map<String, Object> c = new LinkedHashMap<>(chart);
			c.put("title", (chart.get("value") == null ? "Count" : "Total " + capital((String) chart.get("value"))) + " by "
					+ capital((String) chart.get("by")).toLowerCase(Locale.ROOT));
			dashboard.put("chart", c);
		} else {
			dashboard.put("chart", null);
		}
		dashboard.put("sortColumn", options.get("sort_column"));
		dashboard.put("records", records.size());
		files.write("data/records.json", JSON.writeValueAsBytes(records));
		files.write("data/dashboard.json", JSON.writeValueAsBytes(dashboard));
		for (String f : STATIC) {
			files.write(f, resourceBytes(f));
		}
		String name = plural.replace('_', '-') + "-dashboard";
		files.write("package.json", resource("package.json.tmpl").replace("{{name}}", name).getBytes(StandardCharsets.UTF_8));
		files.write(".gitignore", "node_modules/\n.next/\nreports/\nnext-env.d.ts\n*.tsbuildinfo\n".getBytes(StandardCharsets.UTF_8));
		String readme = resource("README.md").replace("{{title}}", (String) spec.get("title"))
				.replace("{{summary}}", (String) spec.get("summary"))
				.replace("{{chartText}}", chart == null ? "no chart (no column to group by)"
						: "a chart of " + (chart.get("value") == null ? "the count" : "total " + chart.get("value"))
								+ " per " + chart.get("by"))
				.replace("{{records}}", String.valueOf(records.size())).replace("{{dataText}}", dataText)
				.replace("{{columns}}", table.toString().strip());
		files.write("README.md", readme.getBytes(StandardCharsets.UTF_8));
	}

	/** The input's rows with each column converted to its field's type; empty cells are null. */
	static List<Map<String, Object>> read(Path file, List<Map<String, Object>> fields) throws IOException {
		List<Map<String, Object>> raw;
		if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
			raw = new ObjectMapper().readValue(file.toFile(), new TypeReference<List<Map<String, Object>>>() {
			});
		} else {
			List<List<String>> records = SampleData.parseCsv(Files.readString(file, StandardCharsets.UTF_8), MAX_ROWS + 1);
			raw = new ArrayList<>();
			for (List<String> r : records.subList(Math.min(1, records.size()), records.size())) {
				Map<String, Object> row = new LinkedHashMap<>();
				for (int c = 0; c < records.get(0).size(); c++) {
					row.put(records.get(0).get(c).trim(), c < r.size() ? r.get(c) : "");
				}
				raw.add(row);
			}
		}
		List<Map<String, Object>> out = new ArrayList<>();
		for (Map<String, Object> row : raw) {
			Map<String, Object> typed = new LinkedHashMap<>();
			for (Map<String, Object> f : fields) {
				String name = (String) f.get("name");
				typed.put(name, convert(find(row, name), (String) f.get("type")));
			}
			out.add(typed);
		}
		return out;
	}

	/** The value of a column whose header normalises to {@code name} ("Unit Price" for unit_price). */
	private static Object find(Map<String, Object> row, String name) {
		if (row.containsKey(name)) {
			return row.get(name);
		}
		for (Map.Entry<String, Object> e : row.entrySet()) {
			if (e.getKey().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "").equals(name)) {
				return e.getValue();
			}
		}
		return null;
	}

	static Object convert(Object value, String type) {
		if (value == null || value instanceof String s && s.isBlank()) {
			return null;
		}
		String text = value.toString().trim();
		try {
			return switch (type) {
				case "int" -> value instanceof Number n ? n.longValue() : (Object) Math.round(Double.parseDouble(text));
				case "float" -> value instanceof Number n ? n.doubleValue() : (Object) Double.parseDouble(text);
				case "bool" -> value instanceof Boolean b ? b : (Object) text.equalsIgnoreCase("true");
				default -> text;
			};
		} catch (NumberFormatException e) {
			return null; // a malformed cell is shown empty rather than breaking the page
		}
	}

	private static String capital(String s) {
		return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1).replace('_', ' ');
	}

	static String resource(String name) {
		return new String(resourceBytes(name), StandardCharsets.UTF_8);
	}

	static byte[] resourceBytes(String name) {
		try (InputStream in = NextjsTemplate.class.getResourceAsStream(FILES + name)) {
			if (in == null) {
				throw new IllegalStateException("missing template file " + name);
			}
			return in.readAllBytes();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
