package dev.cairn.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cairn.api.registry.PluginInfo;

class TextTableTest {
	@Test
	void alignsColumnsAndFitsTheWidthByCuttingTheWidestColumn() {
		TextTable t = new TextTable(List.of("ID", "DESCRIPTION"));
		t.row(List.of("fastapi-crud", "a FastAPI CRUD service with SQLite persistence and pytest tests"));
		t.row(List.of("etl", "short"));

		String wide = t.render(200);
		assertEquals("ID            DESCRIPTION", wide.lines().findFirst().orElseThrow());
		assertTrue(wide.contains("etl           short"));

		String narrow = t.render(40);
		narrow.lines().forEach(l -> assertTrue(l.length() <= 40, "fits 40 columns: '" + l + "'"));
		assertTrue(narrow.contains("~"), "cut values are marked");
	}

	@Test
	void plainModeIsTabSeparatedAndComplete() {
		TextTable t = new TextTable(List.of("A", "B"));
		t.row(List.of("x".repeat(300), "y"));
		assertEquals("A\tB\n" + "x".repeat(300) + "\ty", t.plain());
	}

	@Test
	void pluginListMarksTheSelectedServiceAndExplainsAnEmptyList() {
		PluginInfo a = new PluginInfo("template", "sample", "demo", "1.1.0", "com.example", "1.1.0", 20, 41, true);
		PluginInfo b = new PluginInfo("template", "sample", "demo", "1.0.0", "com.example", "1.0.0", 10, 40, false);
		String text = Formats.plugins(new PluginList("template", List.of(a, b), true));
		List<String> lines = text.lines().toList();
		assertEquals(3, lines.size());
		assertTrue(lines.get(1).startsWith("*\tdemo\tsample\t1.1.0"), lines.get(1));
		assertTrue(lines.get(2).startsWith(" \tdemo\tsample\t1.0.0"), lines.get(2));

		assertTrue(Formats.plugins(new PluginList("template", List.of(), false)).contains("deploy/"));
	}
}
