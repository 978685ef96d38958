package dev.cairn.template.fastapi.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import dev.cairn.api.ServiceProperties;
import dev.cairn.api.template.Fit;
import dev.cairn.api.template.ProjectFiles;
import dev.cairn.api.template.StackTemplate;
import dev.cairn.api.template.TemplateDescriptor;
import dev.cairn.api.template.TestPlan;
import dev.cairn.api.template.Toolchain;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;

/**
 * FastAPI CRUD service over the spec's entities: one table, one set of routes and one test module per entity,
 * pydantic v2 models, SQLite through the standard library. Rendering is a pure function of the spec, so the same
 * spec and template version give byte-identical files.
 */
@Component(property = { ServiceProperties.TEMPLATE_ID + "=" + FastApiTemplate.ID,
		ServiceProperties.TEMPLATE_STACK + "=fastapi", ServiceProperties.TEMPLATE_VERSION + "=" + FastApiTemplate.VERSION })
public final class FastApiTemplate implements StackTemplate {
	static final String ID = "fastapi-crud";
	static final String VERSION = "1.0.0";

	private final Configuration freemarker;

	public FastApiTemplate() {
		freemarker = new Configuration(Configuration.VERSION_2_3_34);
		freemarker.setClassForTemplateLoading(FastApiTemplate.class, "/dev/cairn/template/fastapi/files");
		freemarker.setDefaultEncoding("UTF-8");
		freemarker.setLocalizedLookup(false);
		freemarker.setNumberFormat("c");
		freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
		freemarker.setLogTemplateExceptions(false);
		freemarker.setFallbackOnNullLoopVariable(false);
	}

	@Override
	public TemplateDescriptor descriptor() {
		return new TemplateDescriptor(ID, "fastapi", VERSION,
				"FastAPI CRUD service: routes per entity, pydantic v2 validation, SQLite, pytest tests",
				List.of("fastapi", "crud", "rest", "api", "service", "backend", "endpoint"));
	}

	@Override
	public Fit fit(String prompt) {
		String p = prompt.toLowerCase(Locale.ROOT);
		if (p.contains("fastapi")) {
			return new Fit(0.95, "names FastAPI");
		}
		double score = 0;
		List<String> seen = new ArrayList<>();
		for (String word : List.of("crud", "rest", "api", "endpoint", "backend", "service", "server")) {
			if (p.matches("(?s).*\\b" + word + "s?\\b.*")) {
				score += word.equals("crud") || word.equals("rest") || word.equals("api") ? 0.25 : 0.1;
				seen.add(word);
			}
		}
		return seen.isEmpty() ? Fit.none("no API, CRUD or service words")
				: new Fit(Math.min(0.8, score), "mentions " + String.join(", ", seen));
	}

	@Override
	public Toolchain toolchain() {
		return new Toolchain(List.of(new Toolchain.Tool("python", "3.11", "runs the generated service and its tests")));
	}

	@Override
	public TestPlan testPlan() {
		return new TestPlan("python-venv", "requirements.txt",
				List.of("python", "-m", "pytest", "--junitxml={junit}", "-p", "no:cacheprovider"),
				List.of("fastapi", "pydantic", "uvicorn", "httpx", "pytest"));
	}

	@Override
	public List<String> limitations(Map<String, Object> spec) {
		return List.of("Data lives in one SQLite file (`APP_DATABASE`, default `app.db`); there is no migration tool.",
				"No authentication or authorisation; put it behind a gateway before exposing it.",
				"Listing pages with `limit`/`offset` only; no filtering or sorting parameters.");
	}

	@Override
	public void render(Map<String, Object> spec, ProjectFiles files) throws IOException {
		Map<String, Object> model = Model.of(spec);
		write(files, "requirements.txt", "requirements.txt.ftl", model);
		write(files, "pytest.ini", "pytest.ini.ftl", model);
		write(files, ".gitignore", "gitignore.ftl", model);
		write(files, "README.md", "README.md.ftl", model);
		write(files, "app/__init__.py", "app__init__.py.ftl", model);
		write(files, "app/database.py", "database.py.ftl", model);
		write(files, "app/models.py", "models.py.ftl", model);
		write(files, "app/main.py", "main.py.ftl", model);
		files.write("tests/__init__.py", new byte[0]);
		write(files, "tests/conftest.py", "conftest.py.ftl", model);
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> entities = (List<Map<String, Object>>) model.get("entities");
		for (Map<String, Object> entity : entities) {
			Map<String, Object> one = new LinkedHashMap<>(model);
			one.put("e", entity);
			write(files, "tests/test_" + entity.get("plural") + ".py", "test_entity.py.ftl", one);
		}
	}

	private void write(ProjectFiles files, String path, String template, Map<String, Object> model) throws IOException {
		try {
			Template t = freemarker.getTemplate(template);
			StringWriter out = new StringWriter();
			t.process(model, out);
			files.write(path, out.toString().getBytes(StandardCharsets.UTF_8));
		} catch (TemplateException e) {
			throw new IOException("template " + template + " failed: " + e.getMessageWithoutStackTop(), e);
		}
	}
}
