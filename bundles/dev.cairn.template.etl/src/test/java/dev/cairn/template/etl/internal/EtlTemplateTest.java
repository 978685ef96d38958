package dev.cairn.template.etl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cairn.api.template.FolderFiles;

/**
 * Reads transforms from prompts, renders real specs and runs the generated project's pytest suite in a venv with
 * pandas: the template is right when the pipeline it writes passes the tests it writes, for every column type,
 * several tables, and a user's own CSV with bad rows in it.
 */
class EtlTemplateTest {
	@TempDir
	Path dir;

	static Map<String, Object> field(String name, String type, boolean required) {
		return Map.of("name", name, "type", type, "required", required);
	}

	static Map<String, Object> draft(String prompt, List<String> inputs, Map<String, Object>... entities) {
		return new java.util.LinkedHashMap<>(Map.of("title", "x", "summary", prompt, "stack", "etl", "template",
				"csv-sqlite-etl", "inputs", inputs, "entities", List.of(entities), "user_stories", List.of("x"),
				"acceptance_criteria", List.of("x"), "constraints", Map.of(), "assumptions", List.of()));
	}

	static final Map<String, Object> SALES = Map.of("name", "sale", "plural", "sales", "fields",
			List.of(field("region", "str", true), field("units", "int", true), field("price", "float", true),
					field("sold_on", "date", false), field("promo", "bool", false), field("note", "str", false)));
	static final Map<String, Object> STORES = Map.of("name", "store", "plural", "stores", "fields",
			List.of(field("city", "str", true), field("opened", "int", false)));

	@Test
	@SuppressWarnings("unchecked")
	void transformsAreReadFromThePromptAndUnknownColumnsBecomeAssumptions() {
		Map<String, Object> spec = new EtlTemplate().specify(draft("ETL for sales; revenue = units * price, "
				+ "only rows where units >= 3, average price per region and total margin by region", List.of(), SALES));
		Map<String, Object> table = ((List<Map<String, Object>>) ((Map<String, Object>) spec.get("options")).get("tables")).get(0);
		assertEquals(List.of(Map.of("name", "revenue", "left", "units", "op", "*", "right", "price")), table.get("derived"));
		assertEquals(List.of(Map.of("column", "units", "op", ">=", "value", "3")), table.get("filters"));
		assertEquals(List.of(Map.of("func", "mean", "column", "price", "by", "region")), table.get("aggregates"));
		assertTrue(((List<String>) spec.get("assumptions")).stream().anyMatch(a -> a.contains("margin")),
				"the aggregate over a column the data lacks is explained: " + spec.get("assumptions"));
		assertEquals("Sales ETL", spec.get("title"));
	}

	@Test
	void fitsEtlPromptsAndNotOthers() {
		EtlTemplate t = new EtlTemplate();
		assertEquals(0.95, t.fit("an ETL for orders").score());
		assertEquals(0.9, t.fit("load a CSV of orders into SQLite").score());
		assertEquals(0.0, t.fit("a FastAPI CRUD service for books").score());
	}

	@Test
	void renderingIsDeterministic() throws Exception {
		Map<String, Object> spec = new EtlTemplate().specify(draft("ETL: total units by region", List.of(), SALES));
		FolderFiles a = new FolderFiles(dir.resolve("a"));
		FolderFiles b = new FolderFiles(dir.resolve("b"));
		new EtlTemplate().render(spec, a);
		new EtlTemplate().render(spec, b);
		assertEquals(a.written().keySet(), b.written().keySet());
		a.written().forEach((path, bytes) -> assertTrue(java.util.Arrays.equals(bytes, b.written().get(path)), path));
		assertTrue(a.written().containsKey("data/sales.csv") && a.written().containsKey("etl/spec.json"));
	}

	@Test
	void generatedProjectsPassTheirOwnTests() throws Exception {
		// two tables, every type, transforms; then a user's CSV (quoted commas, a bad row, a duplicate)
		Path two = dir.resolve("two");
		new EtlTemplate().render(new EtlTemplate().specify(draft("ETL; compute revenue as units times price, keep rows "
				+ "where units > 2, total revenue by region, count of stores by city", List.of(), SALES, STORES)),
				new FolderFiles(two));
		Path csv = dir.resolve("orders.csv");
		Files.writeString(csv, "customer,amount,placed\n\"Smith, J\",12.5,2024-03-01\nLee,x,2024-03-02\n"
				+ "Kim,7,2024-03-03\nKim,7,2024-03-03\n", StandardCharsets.UTF_8);
		Map<String, Object> orders = Map.of("name", "order", "plural", "orders", "fields", List.of(
				field("customer", "str", true), field("amount", "float", true), field("placed", "date", true)));
		Path own = dir.resolve("own");
		new EtlTemplate().render(new EtlTemplate().specify(draft("ETL, sum of amount by customer",
				List.of(csv.toString()), orders)), new FolderFiles(own));
		assertEquals(Files.readString(csv), Files.readString(own.resolve("data/orders.csv")), "the user's data is used");

		Path venv = Path.of("target", "test-venv").toAbsolutePath();
		if (!Files.exists(venv.resolve("bin/python"))) {
			run(dir, "python3", "-m", "venv", venv.toString());
		}
		run(two, venv.resolve("bin/python").toString(), "-m", "pip", "install", "-q", "--retries", "0", "-r",
				"requirements.txt");
		assertTrue(run(two, venv.resolve("bin/python").toString(), "-m", "pytest", "-p", "no:cacheprovider")
				.contains("12 passed"));
		assertTrue(run(own, venv.resolve("bin/python").toString(), "-m", "pytest", "-p", "no:cacheprovider")
				.contains("7 passed"));
		String cli = run(own, venv.resolve("bin/python").toString(), "-m", "etl", "load", "data/orders.csv");
		assertTrue(cli.contains("orders: 2 rows loaded, 2 rejected"), cli);
	}

	private static String run(Path cwd, String... command) throws Exception {
		Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes());
		assertTrue(p.waitFor(300, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
		assertEquals(0, p.exitValue(), String.join(" ", command) + "\n" + out);
		return out;
	}
}
