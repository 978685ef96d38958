package dev.cairn.template.nextjs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cairn.api.template.FolderFiles;

/**
 * What the dashboard template decides from a spec (chart grouping, sort column), how it turns a user's CSV into
 * typed records, and that rendering is deterministic and never reaches outside. Building, serving and the browser
 * test of a generated dashboard run end to end in the launcher's scenario tests (they need npm and Chromium).
 */
class NextjsTemplateTest {
	@TempDir
	Path dir;

	static Map<String, Object> field(String name, String type, boolean required) {
		return Map.of("name", name, "type", type, "required", required);
	}

	static Map<String, Object> draft(String prompt, List<String> inputs, Map<String, Object> entity) {
		return new LinkedHashMap<>(Map.of("title", "x", "summary", prompt, "stack", "nextjs", "template",
				NextjsTemplate.ID, "inputs", inputs, "entities", List.of(entity), "user_stories", List.of("x"),
				"acceptance_criteria", List.of("x"), "constraints", Map.of(), "assumptions", List.of()));
	}

	static final Map<String, Object> SALES = Map.of("name", "sale", "plural", "sales", "fields",
			List.of(field("year", "int", true), field("region", "str", true), field("units", "int", true),
					field("price", "float", false)));

	@Test
	@SuppressWarnings("unchecked")
	void chartsANumberPerCategoryAndSortsByIt() {
		Map<String, Object> spec = new NextjsTemplate().specify(draft("a dashboard of sales", List.of(), SALES));
		Map<String, Object> o = (Map<String, Object>) spec.get("options");
		assertEquals(Map.of("by", "region", "value", "units"), o.get("chart"), "years are not summed; regions group");
		assertEquals("units", o.get("sort_column"));
		assertNull(o.get("source"));
		assertEquals("Sales dashboard", spec.get("title"));
	}

	@Test
	void fitsDashboardsAndNamesNextJs() {
		NextjsTemplate t = new NextjsTemplate();
		assertEquals(0.95, t.fit("a Next.js 15 app").score());
		assertTrue(t.fit("a dashboard with charts of orders").score() >= 0.5);
		assertEquals(0.0, t.fit("a FastAPI CRUD service").score());
	}

	@Test
	void aUsersCsvBecomesTypedRecordsAndRenderingIsDeterministic() throws Exception {
		Path csv = dir.resolve("sales.csv");
		Files.writeString(csv, "Year,Region,Units,Price\n2023,north,5,\"1,5\"\n2024,\"south, east\",7,2.25\n2024,west,,3\n",
				StandardCharsets.UTF_8);
		Map<String, Object> spec = new NextjsTemplate().specify(draft("dashboard", List.of(csv.toString()), SALES));
		FolderFiles a = new FolderFiles(dir.resolve("a"));
		FolderFiles b = new FolderFiles(dir.resolve("b"));
		new NextjsTemplate().render(spec, a);
		new NextjsTemplate().render(spec, b);
		assertEquals(a.written().keySet(), b.written().keySet());
		a.written().forEach((path, bytes) -> assertTrue(java.util.Arrays.equals(bytes, b.written().get(path)), path));

		JsonNode records = new ObjectMapper().readTree(a.written().get("data/records.json"));
		assertEquals(3, records.size());
		assertEquals(2023, records.get(0).get("year").asInt());
		assertTrue(records.get(0).get("year").isIntegralNumber());
		assertTrue(records.get(0).get("price").isNull(), "a malformed number is shown empty, not as text");
		assertEquals("south, east", records.get(1).get("region").asText());
		assertEquals(2.25, records.get(1).get("price").asDouble());
		assertTrue(records.get(2).get("units").isNull());
		JsonNode dashboard = new ObjectMapper().readTree(a.written().get("data/dashboard.json"));
		assertEquals(3, dashboard.get("records").asInt());

		for (Map.Entry<String, byte[]> f : a.written().entrySet()) {
			String text = new String(f.getValue(), StandardCharsets.UTF_8);
			assertTrue(!text.contains("next/font/google") && !text.contains("fonts.googleapis"),
					f.getKey() + " loads nothing remote");
		}
		String pkg = new String(a.written().get("package.json"), StandardCharsets.UTF_8);
		assertTrue(pkg.contains("\"next\": \"^15.") && pkg.contains("\"typescript\": \"~5."), pkg);
	}

}
