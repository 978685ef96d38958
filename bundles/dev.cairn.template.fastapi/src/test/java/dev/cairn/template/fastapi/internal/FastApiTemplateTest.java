package dev.cairn.template.fastapi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cairn.api.template.FolderFiles;

/**
 * Renders real specs and runs the generated project's own pytest suite in a venv: the template is right when the
 * code it writes passes the tests it writes, for every field type.
 */
class FastApiTemplateTest {
	@TempDir
	Path dir;

	static final Map<String, Object> LIBRARY = Map.of("title", "Library API", "summary",
			"A CRUD service for books and authors.", "entities",
			List.of(Map.of("name", "book", "plural", "books", "fields",
					List.of(field("title", "str", true), field("author", "str", true), field("year", "int", true),
							field("price", "float", false), field("in_stock", "bool", true),
							field("published_on", "date", false))),
					Map.of("name", "author", "plural", "authors", "fields",
							List.of(field("name", "str", true), field("birth_year", "int", false)))));

	static Map<String, Object> field(String name, String type, boolean required) {
		return Map.of("name", name, "type", type, "required", required);
	}

	@Test
	void renderingIsDeterministic() throws Exception {
		FolderFiles a = new FolderFiles(dir.resolve("a"));
		FolderFiles b = new FolderFiles(dir.resolve("b"));
		new FastApiTemplate().render(LIBRARY, a);
		new FastApiTemplate().render(LIBRARY, b);
		assertEquals(a.written().keySet(), b.written().keySet());
		a.written().forEach((path, bytes) -> assertTrue(java.util.Arrays.equals(bytes, b.written().get(path)), path));
		assertTrue(a.written().containsKey("tests/test_books.py") && a.written().containsKey("tests/test_authors.py"));
	}

	@Test
	void fitsFastApiPromptsBestAndSaysWhy() {
		FastApiTemplate t = new FastApiTemplate();
		assertEquals(0.95, t.fit("A FastAPI CRUD service for books").score());
		assertTrue(t.fit("a REST API for tracking tasks").score() >= 0.25);
		assertEquals(0.0, t.fit("a dashboard with charts").score());
	}

	@Test
	void generatedProjectPassesItsOwnTests() throws Exception {
		Path project = dir.resolve("library");
		new FastApiTemplate().render(LIBRARY, new FolderFiles(project));
		Path venv = Path.of("target", "test-venv").toAbsolutePath();
		if (!Files.exists(venv.resolve("bin/python"))) {
			run(dir, "python3", "-m", "venv", venv.toString());
		}
		run(project, venv.resolve("bin/python").toString(), "-m", "pip", "install", "-q", "--retries", "0", "-r",
				"requirements.txt");
		String out = run(project, venv.resolve("bin/python").toString(), "-m", "pytest", "-p", "no:cacheprovider");
		assertTrue(out.contains("22 passed"), out);
	}

	private static String run(Path cwd, String... command) throws Exception {
		Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes());
		assertTrue(p.waitFor(300, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
		assertEquals(0, p.exitValue(), String.join(" ", command) + "\n" + out);
		return out;
	}
}
