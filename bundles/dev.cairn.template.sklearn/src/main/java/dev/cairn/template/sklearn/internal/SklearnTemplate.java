package dev.cairn.template.sklearn.internal;

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
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * A scikit-learn pipeline. Like the ETL template, the Python code is fixed and what varies is {@code model/spec.json}
 * (task, dataset, target, feature columns, estimator, acceptance threshold) and, when the prompt names columns but
 * gives no data, a synthetic CSV whose target really depends on its features, so the generated tests prove learning.
 */
@Component(property = { ServiceProperties.TEMPLATE_ID + "=" + SklearnTemplate.ID,
		ServiceProperties.TEMPLATE_STACK + "=ml", ServiceProperties.TEMPLATE_VERSION + "=" + SklearnTemplate.VERSION })
public final class SklearnTemplate implements StackTemplate {
	static final String ID = "sklearn-pipeline";
	static final String VERSION = "1.0.0";
	static final int SYNTHETIC_ROWS = 400;
	private static final String FILES = "/dev/cairn/template/sklearn/files/";
	private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
	/** Datasets that ship with scikit-learn (no download), with their task and target name. */
	static final Map<String, String[]> BUILTIN = Map.of("iris", new String[] { "classification", "species" },
			"wine", new String[] { "classification", "cultivar" }, "breast_cancer",
			new String[] { "classification", "diagnosis" }, "diabetes", new String[] { "regression", "progression" });

	@Override
	public TemplateDescriptor descriptor() {
		return new TemplateDescriptor(ID, "ml", VERSION,
				"scikit-learn Pipeline: ColumnTransformer preprocessing, classifier or regressor, metrics, joblib, model card",
				List.of("scikit-learn", "sklearn", "machine learning", "model", "classifier", "regression", "predict", "train"));
	}

	@Override
	public Fit fit(String prompt) {
		String p = prompt.toLowerCase(Locale.ROOT);
		if (p.contains("scikit") || p.contains("sklearn")) {
			return new Fit(0.95, "names scikit-learn");
		}
		double score = 0;
		List<String> seen = new ArrayList<>();
		for (String word : List.of("machine learning", "classifier", "classification", "classify", "regression",
				"regressor", "predict", "train", "model", "iris", "wine", "breast cancer", "diabetes")) {
			if (p.matches("(?s).*\\b" + word + "s?\\b.*")) {
				score += word.equals("model") || word.equals("train") ? 0.15 : 0.35;
				seen.add(word);
			}
		}
		return seen.isEmpty() ? Fit.none("no machine-learning words")
				: new Fit(Math.min(0.9, score), "mentions " + String.join(", ", seen));
	}

	@Override
	public Toolchain toolchain() {
		return new Toolchain(List.of(new Toolchain.Tool("python", "3.11", "trains the model and runs its tests")));
	}

	@Override
	public TestPlan testPlan() {
		return new TestPlan(TestPlan.PYTHON_VENV, "requirements.txt",
				List.of("python", "-m", "pytest", "--junitxml={junit}", "-p", "no:cacheprovider"),
				List.of("scikit-learn", "pandas", "joblib", "numpy", "scipy", "pytest"));
	}

	@Override
	public String specSchema() {
		return resource("options.schema.json");
	}

	@Override
	public List<String> limitations(Map<String, Object> spec) {
		return List.of("One train/test split with a fixed random_state; no cross-validation or hyper-parameter search.",
				"The acceptance threshold is checked on the held-out split of the same data, not on new data.",
				"Features are taken as given: no feature selection, no handling of data drift.");
	}

	@Override
	@SuppressWarnings("unchecked")
	public Map<String, Object> specify(Map<String, Object> draft) {
		Map<String, Object> spec = new LinkedHashMap<>(draft);
		String p = ((String) draft.get("summary")).toLowerCase(Locale.ROOT);
		List<String> inputs = (List<String>) draft.getOrDefault("inputs", List.of());
		List<String> assumptions = new ArrayList<>((List<String>) draft.getOrDefault("assumptions", List.of()));
		List<Map<String, Object>> entities = (List<Map<String, Object>>) draft.get("entities");
		String csv = inputs.stream().filter(i -> i.toLowerCase(Locale.ROOT).endsWith(".csv")).findFirst().orElse(null);
		boolean namedColumns = assumptions.stream().noneMatch(a -> a.startsWith("the prompt names no entity"));
		String builtin = BUILTIN.keySet().stream().filter(d -> p.contains(d.replace('_', ' '))).sorted().findFirst()
				.orElse(null);
		Map<String, Object> options = new LinkedHashMap<>();
		String task;
		String target;
		if (csv == null && (builtin != null || !namedColumns)) {
			if (builtin == null) {
				builtin = p.contains("regress") ? "diabetes" : "iris";
				assumptions.removeIf(a -> a.startsWith("the prompt names no entity"));
				assumptions.add("no data or columns were named; trained on scikit-learn's " + builtin + " dataset");
			}
			task = BUILTIN.get(builtin)[0];
			target = BUILTIN.get(builtin)[1];
			options.put("dataset", Map.of("kind", "builtin", "name", builtin));
			options.put("numeric", List.of());
			options.put("categorical", List.of());
			// the spec's entity is the dataset's prediction target; its features are the dataset's own columns
			spec.put("entities", List.of(Map.of("name", "sample", "plural", "samples", "fields", List.of(Map.of("name",
					target, "type", task.equals("classification") ? "str" : "float", "required", true)))));
		} else {
			Map<String, Object> entity = entities.get(0);
			List<Map<String, Object>> fields = (List<Map<String, Object>>) entity.get("fields");
			target = target(p, fields);
			String targetType = fields.stream().filter(f -> f.get("name").equals(target)).map(f -> (String) f.get("type"))
					.findFirst().orElse("str");
			task = p.contains("regress") ? "regression" : p.matches("(?s).*\\bclassif.*") ? "classification"
					: targetType.equals("float") || targetType.equals("int") ? "regression" : "classification";
			List<String> numeric = new ArrayList<>();
			List<String> categorical = new ArrayList<>();
			for (Map<String, Object> f : fields) {
				String name = (String) f.get("name");
				if (name.equals(target)) {
					continue;
				}
				(List.of("int", "float").contains(f.get("type")) ? numeric : categorical).add(name);
			}
			if (numeric.isEmpty() && categorical.isEmpty()) {
				throw dev.cairn.api.CairnException.usage("the data has only the target column " + target + "; nothing to learn from");
			}
			String source = csv != null ? Path.of(csv).getFileName().toString() : entity.get("plural") + ".csv";
			if (csv == null) {
				assumptions.add("no data was given; data/" + source + " is synthetic, with " + target
						+ " depending on the other columns");
			}
			options.put("dataset", Map.of("kind", "csv", "source", source));
			options.put("numeric", numeric);
			options.put("categorical", categorical);
		}
		String estimator = p.contains("gradient boost") ? "gradient_boosting"
				: p.contains("logistic") && task.equals("classification") ? "logistic_regression"
						: p.contains("ridge") && task.equals("regression") ? "ridge"
								: p.contains("linear regression") && task.equals("regression") ? "linear_regression"
										: "random_forest";
		options.put("task", task);
		options.put("target", target);
		options.put("estimator", estimator);
		options.put("test_size", 0.25);
		options.put("metric", task.equals("classification") ? "accuracy" : "r2");
		// built-in datasets have known difficulty; on other data the tests require beating the baseline
		options.put("min_score", builtin == null ? (task.equals("classification") ? 0.6 : 0.2)
				: task.equals("classification") ? 0.85 : 0.3);
		spec.put("title", (builtin != null ? capital(builtin) : capital(target)) + " " + task + " pipeline");
		spec.put("user_stories", List.of("As a data scientist I can train a " + task + " model for " + target
				+ " with one command and get its metrics on held-out data.",
				"As a developer I can load the saved pipeline and predict from raw feature rows, including categories it never saw."));
		spec.put("acceptance_criteria", List.of(options.get("metric") + " on the held-out rows is at least "
				+ options.get("min_score") + " and better than a baseline model.",
				"A pipeline saved with joblib and loaded again predicts exactly as before.",
				"Rows with an unseen category or a missing value still get a prediction."));
		spec.put("assumptions", assumptions);
		spec.put("options", options);
		return spec;
	}

	/** "predict churn", "target: price", "label is species", else the last field. */
	static String target(String prompt, List<Map<String, Object>> fields) {
		List<String> names = fields.stream().map(f -> (String) f.get("name")).toList();
		Matcher m = Pattern.compile("(?:predict(?:s|ing)?|target(?: column)?(?: is|:)?|label(?: is|:)?|classify(?: by)?|estimate(?:s)?)\\s+(?:the\\s+)?([a-z][a-z0-9_]*)")
				.matcher(prompt);
		while (m.find()) {
			String word = m.group(1);
			if (names.contains(word)) {
				return word;
			}
		}
		return names.get(names.size() - 1);
	}

	@Override
	@SuppressWarnings("unchecked")
	public void render(Map<String, Object> spec, ProjectFiles files) throws IOException {
		Map<String, Object> o = (Map<String, Object>) spec.get("options");
		Map<String, Object> dataset = (Map<String, Object>) o.get("dataset");
		Map<String, Object> modelSpec = new LinkedHashMap<>();
		modelSpec.put("title", spec.get("title"));
		modelSpec.putAll(o);
		modelSpec.put("random_state", 42);
		files.write("model/spec.json", JSON.writeValueAsBytes(modelSpec));
		String dataText;
		if ("csv".equals(dataset.get("kind"))) {
			String source = (String) dataset.get("source");
			List<String> inputs = (List<String>) spec.getOrDefault("inputs", List.of());
			String given = inputs.stream().filter(i -> Path.of(i).getFileName().toString().equals(source)).findFirst()
					.orElse(null);
			Map<String, Object> entity = ((List<Map<String, Object>>) spec.get("entities")).get(0);
			files.write("data/" + source, given != null ? Files.readAllBytes(Path.of(given))
					: synthetic(entity, (String) o.get("target"), (String) o.get("task")).getBytes(StandardCharsets.UTF_8));
			dataText = given != null ? "`data/" + source + "` (given with --input)"
					: "`data/" + source + "`, " + SYNTHETIC_ROWS + " synthetic rows (no data was given)";
		} else {
			dataText = "scikit-learn's built-in `" + dataset.get("name") + "` dataset, plus one categorical column "
					+ "(its first feature in three bands)";
		}
		for (String f : List.of("model/__init__.py", "model/data.py", "model/pipeline.py", "model/train.py",
				"model/__main__.py", "tests/test_model.py", "requirements.txt")) {
			files.write(f, resource(f).getBytes(StandardCharsets.UTF_8));
		}
		files.write("tests/__init__.py", new byte[0]);
		files.write("pytest.ini", "[pytest]\ntestpaths = tests\naddopts = -q\n".getBytes(StandardCharsets.UTF_8));
		files.write(".gitignore", ".venv/\n__pycache__/\nartifacts/\n".getBytes(StandardCharsets.UTF_8));
		List<String> numeric = (List<String>) o.get("numeric");
		List<String> categorical = (List<String>) o.get("categorical");
		String features = numeric.isEmpty() && categorical.isEmpty() ? "the dataset's numeric columns, one categorical"
				: "numeric " + (numeric.isEmpty() ? "none" : String.join(", ", numeric)) + "; categorical "
						+ (categorical.isEmpty() ? "none" : String.join(", ", categorical));
		boolean classification = o.get("task").equals("classification");
		String readme = resource("README.md").replace("{{title}}", (String) spec.get("title"))
				.replace("{{summary}}", (String) spec.get("summary"))
				.replace("{{estimator}}", ((String) o.get("estimator")).replace('_', ' '))
				.replace("{{task}}", (String) o.get("task")).replace("{{target}}", (String) o.get("target"))
				.replace("{{test_size}}", String.valueOf(o.get("test_size"))).replace("{{data}}", dataText)
				.replace("{{features}}", features).replace("{{seed}}", "42")
				.replace("{{metricText}}", classification ? "accuracy and macro F1" : "R², MAE and RMSE")
				.replace("{{baselineText}}", classification ? "the most frequent class" : "the mean")
				.replace("{{metric}}", (String) o.get("metric")).replace("{{min_score}}", String.valueOf(o.get("min_score")))
				.replace("{{intended}}", "predicting " + o.get("target") + " for rows like the training data");
		files.write("README.md", readme.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Features from {@link SampleData}; the target is a fixed function of them plus noise: a weighted sum of the
	 * numeric columns' ranks and a per-category effect, thresholded at its median for classification.
	 */
	@SuppressWarnings("unchecked")
	static String synthetic(Map<String, Object> entity, String target, String task) {
		List<Map<String, Object>> fields = new ArrayList<>();
		Map<String, Object> targetField = null;
		for (Map<String, Object> f : (List<Map<String, Object>>) entity.get("fields")) {
			if (f.get("name").equals(target)) {
				targetField = f;
			} else {
				fields.add(f);
			}
		}
		Map<String, Object> featuresOnly = new LinkedHashMap<>(entity);
		featuresOnly.put("fields", fields);
		List<Map<String, Object>> rows = SampleData.rows(featuresOnly, SYNTHETIC_ROWS, 42);
		Random noise = new Random(7);
		double[] score = new double[rows.size()];
		for (int i = 0; i < rows.size(); i++) {
			double s = 0;
			int weight = 1;
			for (Map<String, Object> f : fields) {
				Object v = rows.get(i).get(f.get("name"));
				if (v instanceof Number n) {
					s += weight * n.doubleValue() / scale(rows, (String) f.get("name"));
				} else if (v instanceof Boolean b) {
					s += b ? 0.5 : 0;
				} else if (v != null) {
					s += (Math.floorMod(v.toString().hashCode(), 5) - 2) * 0.4;
				}
				weight = weight == 1 ? 2 : 1;
			}
			score[i] = s + noise.nextGaussian() * 0.05;
		}
		double[] sorted = score.clone();
		java.util.Arrays.sort(sorted);
		double median = sorted[sorted.length / 2];
		String type = targetField == null ? "str" : (String) targetField.get("type");
		for (int i = 0; i < rows.size(); i++) {
			Object value;
			if (task.equals("regression")) {
				value = type.equals("int") ? (Object) Math.round(score[i] * 10) : Math.round(score[i] * 1000) / 100.0;
			} else {
				boolean high = score[i] > median;
				value = type.equals("bool") ? high : type.equals("int") ? (high ? 1 : 0) : high ? "yes" : "no";
			}
			rows.get(i).put(target, value);
		}
		List<String> columns = new ArrayList<>(fields.stream().map(f -> (String) f.get("name")).toList());
		columns.add(target);
		return SampleData.csv(columns, rows);
	}

	private static double scale(List<Map<String, Object>> rows, String column) {
		double max = 1e-9;
		for (Map<String, Object> r : rows) {
			if (r.get(column) instanceof Number n) {
				max = Math.max(max, Math.abs(n.doubleValue()));
			}
		}
		return max;
	}

	private static String capital(String s) {
		return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1).replace('_', ' ');
	}

	static String resource(String name) {
		try (InputStream in = SklearnTemplate.class.getResourceAsStream(FILES + name)) {
			if (in == null) {
				throw new IllegalStateException("missing template file " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
