package dev.cairn.template.sklearn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cairn.api.template.FolderFiles;

/**
 * Reads task, data and estimator from prompts, renders, and runs each generated project's pytest suite with real
 * scikit-learn: a built-in dataset, synthetic data for columns named in a prompt, and a user's CSV.
 */
class SklearnTemplateTest {
	@TempDir
	Path dir;

	static Map<String, Object> field(String name, String type, boolean required) {
		return Map.of("name", name, "type", type, "required", required);
	}

	static Map<String, Object> draft(String prompt, List<String> inputs, List<String> assumptions,
			Map<String, Object> entity) {
		return new LinkedHashMap<>(Map.of("title", "x", "summary", prompt, "stack", "ml", "template", SklearnTemplate.ID,
				"inputs", inputs, "entities", List.of(entity), "user_stories", List.of("x"), "acceptance_criteria",
				List.of("x"), "constraints", Map.of(), "assumptions", assumptions));
	}

	static final Map<String, Object> ITEM = Map.of("name", "item", "plural", "items", "fields",
			List.of(field("name", "str", true)));
	static final List<String> NO_ENTITY = List.of("the prompt names no entity with fields; assumed ...");
	static final Map<String, Object> CUSTOMERS = Map.of("name", "customer", "plural", "customers", "fields",
			List.of(field("age", "int", true), field("plan", "str", true), field("monthly_charges", "float", true),
					field("churn", "bool", true)));

	@Test
	@SuppressWarnings("unchecked")
	void taskDataAndEstimatorComeFromThePrompt() {
		SklearnTemplate t = new SklearnTemplate();
		Map<String, Object> o = (Map<String, Object>) t.specify(draft("a scikit-learn classifier", List.of(), NO_ENTITY, ITEM)).get("options");
		assertEquals(Map.of("kind", "builtin", "name", "iris"), o.get("dataset"));
		assertEquals("classification", o.get("task"));
		o = (Map<String, Object>) t.specify(draft("gradient boosting regression on the diabetes data", List.of(), NO_ENTITY, ITEM)).get("options");
		assertEquals("regression", o.get("task"));
		assertEquals("gradient_boosting", o.get("estimator"));
		assertEquals("r2", o.get("metric"));
		o = (Map<String, Object>) t.specify(draft("a model to predict churn for customers with age, plan, monthly_charges and churn",
				List.of(), List.of(), CUSTOMERS)).get("options");
		assertEquals("churn", o.get("target"));
		assertEquals("classification", o.get("task"));
		assertEquals(List.of("age", "monthly_charges"), o.get("numeric"));
		assertEquals(List.of("plan"), o.get("categorical"));
	}

	@Test
	void generatedProjectsPassTheirOwnTests() throws Exception {
		SklearnTemplate t = new SklearnTemplate();
		Path wine = dir.resolve("wine");
		t.render(t.specify(draft("logistic regression classifier for the wine dataset", List.of(), NO_ENTITY, ITEM)), new FolderFiles(wine));
		Path churn = dir.resolve("churn");
		t.render(t.specify(draft("predict churn for customers with age, plan, monthly_charges and churn", List.of(),
				List.of(), CUSTOMERS)), new FolderFiles(churn));
		Path csv = dir.resolve("houses.csv");
		StringBuilder rows = new StringBuilder("area,rooms,district,price\n");
		java.util.Random r = new java.util.Random(3);
		for (int i = 0; i < 200; i++) {
			int area = 40 + r.nextInt(160);
			int rooms = 1 + area / 40;
			String district = List.of("old town", "harbour", "hills").get(i % 3);
			double price = area * 3.1 + rooms * 10 + (district.equals("hills") ? 80 : 0) + r.nextGaussian() * 15;
			rows.append(area).append(',').append(rooms).append(',').append(district).append(',')
					.append(Math.round(price * 100) / 100.0).append('\n');
		}
		Files.writeString(csv, rows);
		Map<String, Object> houses = Map.of("name", "house", "plural", "houses", "fields", List.of(field("area", "int", true),
				field("rooms", "int", true), field("district", "str", true), field("price", "float", true)));
		Path own = dir.resolve("own");
		t.render(t.specify(draft("ridge regression to predict price", List.of(csv.toString()), List.of(), houses)),
				new FolderFiles(own));

		Path venv = Path.of("target", "test-venv").toAbsolutePath();
		if (!Files.exists(venv.resolve("bin/python"))) {
			run(dir, "python3", "-m", "venv", venv.toString());
		}
		run(wine, venv.resolve("bin/python").toString(), "-m", "pip", "install", "-q", "--retries", "0", "-r",
				"requirements.txt");
		for (Path project : List.of(wine, churn, own)) {
			String out = run(project, venv.resolve("bin/python").toString(), "-m", "pytest", "-p", "no:cacheprovider");
			assertTrue(out.contains("4 passed"), project + ": " + out);
		}
		assertTrue(Files.readString(own.resolve("README.md")).contains("## Model card"));
	}

	private static String run(Path cwd, String... command) throws Exception {
		Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes());
		assertTrue(p.waitFor(300, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
		assertEquals(0, p.exitValue(), String.join(" ", command) + "\n" + out);
		return out;
	}
}
