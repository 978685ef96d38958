package dev.cairn.template.etl.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.cairn.api.ServiceProperties;
import dev.cairn.api.template.Fit;
import dev.cairn.api.template.ProjectFiles;
import dev.cairn.api.template.SampleData;
import dev.cairn.api.template.StackTemplate;
import dev.cairn.api.template.TemplateDescriptor;
import dev.cairn.api.template.TestPlan;
import dev.cairn.api.template.Toolchain;

/**
 * CSV to SQLite ETL with pandas. The Python code is fixed and reviewed once; what varies with the spec is data the
 * code reads ({@code etl/spec.json}: tables, typed columns, derived columns, filters, aggregates) and the sample
 * input, so every generated project runs the same tested pipeline over its own schema.
 */
@Component(property = { ServiceProperties.TEMPLATE_ID + "=" + EtlTemplate.ID,
		ServiceProperties.TEMPLATE_STACK + "=etl", ServiceProperties.TEMPLATE_VERSION + "=" + EtlTemplate.VERSION })
public final class EtlTemplate implements StackTemplate {
	static final String ID = "csv-sqlite-etl";
	static final String VERSION = "1.0.0";
	static final int SAMPLE_ROWS = 60;
	private static final String FILES = "/dev/cairn/template/etl/files/";
	private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
			.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

	@Override
	public TemplateDescriptor descriptor() {
		return new TemplateDescriptor(ID, "etl", VERSION,
				"CSV <-> SQLite ETL with pandas: typed validation, derived columns, filters, aggregates, CLI, pytest",
				List.of("etl", "csv", "sqlite", "pandas", "import", "export", "load", "transform", "aggregate"));
	}

	@Override
	public Fit fit(String prompt) {
		String p = prompt.toLowerCase(Locale.ROOT);
		if (p.matches("(?s).*\\betl\\b.*")) {
			return new Fit(0.95, "names ETL");
		}
		boolean csv = p.contains("csv");
		boolean sqlite = p.contains("sqlite") || p.contains("database");
		if (csv && sqlite) {
			return new Fit(0.9, "moves data between CSV and SQLite");
		}
		double score = 0;
		List<String> seen = new ArrayList<>();
		for (String word : List.of("csv", "pandas", "sqlite", "import", "export", "transform", "aggregate", "pipeline")) {
			if (p.matches("(?s).*\\b" + word + "s?\\b.*")) {
				score += word.equals("csv") || word.equals("pandas") ? 0.35 : 0.15;
				seen.add(word);
			}
		}
		return seen.isEmpty() ? Fit.none("no CSV, SQLite or ETL words")
				: new Fit(Math.min(0.85, score), "mentions " + String.join(", ", seen));
	}

	@Override
	public Toolchain toolchain() {
		return new Toolchain(List.of(new Toolchain.Tool("python", "3.11", "runs the pipeline and its tests")));
	}

	@Override
	public TestPlan testPlan() {
		return new TestPlan(TestPlan.PYTHON_VENV, "requirements.txt",
				List.of("python", "-m", "pytest", "--junitxml={junit}", "-p", "no:cacheprovider"),
				List.of("pandas", "numpy", "pytest"));
	}

	@Override
	public String specSchema() {
		return resource("options.schema.json");
	}

	@Override
	@SuppressWarnings("unchecked")
	public Map<String, Object> specify(Map<String, Object> draft) {
		Map<String, Object> spec = new LinkedHashMap<>(draft);
		List<Map<String, Object>> entities = (List<Map<String, Object>>) draft.get("entities");
		List<String> inputs = (List<String>) draft.getOrDefault("inputs", List.of());
		String summary = (String) draft.get("summary");
		List<Map<String, Object>> tables = new ArrayList<>();
		List<String> stories = new ArrayList<>();
		List<String> criteria = new ArrayList<>();
		List<String> assumptions = new ArrayList<>((List<String>) draft.getOrDefault("assumptions", List.of()));
		for (Map<String, Object> entity : entities) {
			String table = (String) entity.get("plural");
			Map<String, String> types = new LinkedHashMap<>();
			for (Map<String, Object> f : (List<Map<String, Object>>) entity.get("fields")) {
				types.put((String) f.get("name"), (String) f.get("type"));
			}
			Transforms.Result t = Transforms.read(summary, types.keySet());
			List<Map<String, Object>> derived = new ArrayList<>();
			Set<String> numeric = new LinkedHashSet<>();
			types.forEach((k, v) -> {
				if (v.equals("int") || v.equals("float")) {
					numeric.add(k);
				}
			});
			for (Transforms.Derived d : t.derived()) {
				if (!numeric.contains(d.left()) || !numeric.contains(d.right())) {
					assumptions.add("derived column " + d.name() + " needs numeric columns; " + d.left() + " and "
							+ d.right() + " are not both numbers, so it is not derived");
					continue;
				}
				numeric.add(d.name());
				derived.add(ordered("name", d.name(), "left", d.left(), "op", d.op(), "right", d.right()));
			}
			List<Map<String, Object>> filters = new ArrayList<>();
			t.filters().forEach(f -> filters.add(ordered("column", f.column(), "op", f.op(), "value", f.value())));
			List<Map<String, Object>> aggregates = new ArrayList<>();
			for (Transforms.Aggregate a : t.aggregates()) {
				if (!a.func().equals("count") && !numeric.contains(a.column())) {
					assumptions.add(a.func() + " of " + a.column() + " needs a numeric column; not aggregated");
					continue;
				}
				aggregates.add(ordered("func", a.func(), "column", a.column(), "by", a.by()));
			}
			assumptions.addAll(t.notes());
			String source = inputs.stream().filter(i -> i.toLowerCase(Locale.ROOT).endsWith(".csv"))
					.filter(i -> stem(i).equals(table) || stem(i).equals(entity.get("name"))).findFirst()
					.map(i -> Path.of(i).getFileName().toString()).orElse(table + ".csv");
			Map<String, Object> spec1 = ordered("name", table, "source", source, "key", List.of());
			spec1.put("derived", derived);
			spec1.put("filters", filters);
			spec1.put("aggregates", aggregates);
			tables.add(spec1);
			stories.add("As an analyst I can load " + table + " from CSV into SQLite with every row checked against "
					+ "its declared column types, and export the result back to CSV.");
			criteria.add("Rows of " + table + " with a missing required value, a value of the wrong type or a "
					+ "duplicate are rejected into " + table + "_rejected with a reason; the others are loaded.");
			criteria.add("A CSV of " + table + " exported from SQLite loads back to the same rows and types.");
			if (!derived.isEmpty() || !filters.isEmpty() || !aggregates.isEmpty()) {
				criteria.add("The " + table + " transforms run as specified: " + describe(derived, filters, aggregates) + ".");
			}
		}
		String names = entities.stream().map(e -> capital((String) e.get("plural"))).reduce((a, b) -> a + " and " + b)
				.orElse("Data");
		spec.put("title", names + " ETL");
		spec.put("user_stories", stories);
		spec.put("acceptance_criteria", criteria);
		spec.put("assumptions", assumptions);
		spec.put("options", Map.of("tables", tables));
		return spec;
	}

	@Override
	public List<String> limitations(Map<String, Object> spec) {
		return List.of("Files are read whole into memory (pandas); inputs much larger than RAM need chunking.",
				"Loading replaces a table rather than appending or merging (an idempotent load).",
				"Dates must be ISO `YYYY-MM-DD`; other formats are rejected rows, not guessed.",
				"Transforms are the spec's derived columns, filters and aggregates; joins across tables are not generated.");
	}

	@Override
	@SuppressWarnings("unchecked")
	public void render(Map<String, Object> spec, ProjectFiles files) throws IOException {
		List<Map<String, Object>> entities = (List<Map<String, Object>>) spec.get("entities");
		List<Map<String, Object>> tables = (List<Map<String, Object>>) ((Map<String, Object>) spec.get("options"))
				.get("tables");
		List<String> inputs = (List<String>) spec.getOrDefault("inputs", List.of());
		List<Map<String, Object>> pipelineTables = new ArrayList<>();
		StringBuilder schemaDoc = new StringBuilder();
		for (int i = 0; i < tables.size(); i++) {
			Map<String, Object> table = tables.get(i);
			Map<String, Object> entity = entities.get(i);
			List<Map<String, Object>> columns = new ArrayList<>();
			schemaDoc.append("\n### ").append(table.get("name")).append(" (`data/").append(table.get("source"))
					.append("`)\n\n| column | type | required |\n|---|---|---|\n");
			for (Map<String, Object> f : (List<Map<String, Object>>) entity.get("fields")) {
				columns.add(ordered("name", f.get("name"), "type", f.get("type"), "required", f.get("required")));
				schemaDoc.append("| ").append(f.get("name")).append(" | ").append(f.get("type")).append(" | ")
						.append(Boolean.TRUE.equals(f.get("required")) ? "yes" : "no").append(" |\n");
			}
			Map<String, Object> t = new LinkedHashMap<>(table);
			t.put("columns", columns);
			pipelineTables.add(t);
			String source = (String) table.get("source");
			byte[] data = inputs.stream().filter(p -> Path.of(p).getFileName().toString().equals(source)).findFirst()
					.map(EtlTemplate::read)
					.orElseGet(() -> SampleData.csv(columns.stream().map(c -> (String) c.get("name")).toList(),
							SampleData.rows(entity, SAMPLE_ROWS, 42)).getBytes(StandardCharsets.UTF_8));
			files.write("data/" + source, data);
		}
		Map<String, Object> pipelineSpec = ordered("title", spec.get("title"), "tables", pipelineTables);
		files.write("etl/spec.json", JSON.writeValueAsBytes(pipelineSpec));
		for (String f : List.of("etl/__init__.py", "etl/pipeline.py", "etl/__main__.py", "tests/test_pipeline.py")) {
			files.write(f, resource(f).getBytes(StandardCharsets.UTF_8));
		}
		files.write("tests/__init__.py", new byte[0]);
		files.write("requirements.txt", resource("requirements.txt").getBytes(StandardCharsets.UTF_8));
		files.write("pytest.ini", "[pytest]\ntestpaths = tests\naddopts = -q\n".getBytes(StandardCharsets.UTF_8));
		files.write(".gitignore", ".venv/\n__pycache__/\n*.db\nout/\n".getBytes(StandardCharsets.UTF_8));
		StringBuilder transforms = new StringBuilder();
		for (Map<String, Object> t : tables) {
			String d = describe((List<Map<String, Object>>) t.get("derived"), (List<Map<String, Object>>) t.get("filters"),
					(List<Map<String, Object>>) t.get("aggregates"));
			transforms.append("- ").append(t.get("name")).append(": ").append(d.isEmpty() ? "none" : d).append('\n');
		}
		String readme = resource("README.md").replace("{{title}}", (String) spec.get("title"))
				.replace("{{summary}}", (String) spec.get("summary")).replace("{{schema}}", schemaDoc.toString().strip())
				.replace("{{transforms}}", transforms.toString().strip())
				.replace("{{first}}", (String) tables.get(0).get("name"))
				.replace("{{source}}", (String) tables.get(0).get("source"));
		files.write("README.md", readme.getBytes(StandardCharsets.UTF_8));
	}

	@SuppressWarnings("unchecked")
	static String describe(List<Map<String, Object>> derived, List<Map<String, Object>> filters,
			List<Map<String, Object>> aggregates) {
		List<String> parts = new ArrayList<>();
		derived.forEach(d -> parts.add(d.get("name") + " = " + d.get("left") + " " + d.get("op") + " " + d.get("right")));
		filters.forEach(f -> parts.add("keep rows where " + f.get("column") + " " + f.get("op") + " " + f.get("value")));
		aggregates.forEach(a -> parts.add(a.get("func") + " of " + a.get("column") + " by " + a.get("by")));
		return String.join("; ", parts);
	}

	private static Map<String, Object> ordered(Object... kv) {
		Map<String, Object> m = new LinkedHashMap<>();
		for (int i = 0; i < kv.length; i += 2) {
			m.put((String) kv[i], kv[i + 1]);
		}
		return m;
	}

	private static String stem(String path) {
		String name = Path.of(path).getFileName().toString().toLowerCase(Locale.ROOT);
		return name.replaceAll("\\.csv$", "").replaceAll("[^a-z0-9]+", "_");
	}

	private static String capital(String s) {
		return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1).replace('_', ' ');
	}

	private static byte[] read(String path) {
		try {
			return Files.readAllBytes(Path.of(path));
		} catch (IOException e) {
			throw new UncheckedIOException("cannot read input " + path, e);
		}
	}

	static String resource(String name) {
		try (InputStream in = EtlTemplate.class.getResourceAsStream(FILES + name)) {
			if (in == null) {
				throw new IllegalStateException("missing template file " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
