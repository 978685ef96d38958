package dev.cairn.agent.requirements.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cairn.api.CairnException;

/** Input documents that describe an entity by their columns: CSV and JSON, types inferred from the values. */
class DataFilesTest {
	@TempDir
	Path dir;

	@Test
	void csvColumnsBecomeTypedFieldsNamedAfterTheFile() throws Exception {
		Path csv = Files.writeString(dir.resolve("Sales Data.csv"), "\uFEFFOrder ID,Region,Units,Unit Price,Sold On,Promo,class\n"
				+ "1,north,3,9.5,2025-01-02,true,a\n2,\"south, east\",twelve,10,2025-01-03,false,b\n"
				+ String.join("", java.util.Collections.nCopies(30, "3,west,4,1.25,2025-02-01,,c\n")));
		PromptParser.Entity e = DataFiles.entity(csv);
		assertEquals("sales_data", e.name());
		assertEquals(List.of(new PromptParser.Field("order_id", "int", true), new PromptParser.Field("region", "str", true),
				new PromptParser.Field("units", "int", true), new PromptParser.Field("unit_price", "float", true),
				new PromptParser.Field("sold_on", "date", true), new PromptParser.Field("promo", "bool", false),
				new PromptParser.Field("class_value", "str", true)), e.fields(),
				"one malformed cell in 32 keeps units an int column; a Python keyword is renamed");
	}

	@Test
	void jsonArraysOfObjectsWorkAndOtherShapesAreUsageErrors() throws Exception {
		Path json = Files.writeString(dir.resolve("orders.json"), "[{\"id\": 1, \"amount\": 2.5}, {\"id\": 2, \"note\": \"x\"}]");
		PromptParser.Entity e = DataFiles.entity(json);
		assertEquals("order", e.name());
		assertTrue(e.fields().contains(new PromptParser.Field("amount", "float", false)));
		assertTrue(e.fields().contains(new PromptParser.Field("note", "str", false)));
		Path object = Files.writeString(dir.resolve("bad.json"), "{\"a\": 1}");
		CairnException ex = assertThrows(CairnException.class, () -> DataFiles.entity(object));
		assertEquals(2, ex.exitCode().code());
		Path broken = Files.writeString(dir.resolve("broken.json"), "[{\"a\": ");
		assertThrows(CairnException.class, () -> DataFiles.entity(broken));
		Path empty = Files.writeString(dir.resolve("empty.csv"), "");
		assertThrows(CairnException.class, () -> DataFiles.entity(empty));
	}
}
