package dev.cairn.api.template;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A stack template: turns a validated spec into a project. Third parties implement this against the API bundle alone
 * and register it as a service with {@code template.id}, {@code template.stack} and optionally
 * {@code template.version} and {@code service.ranking}. Dropping the bundle into {@code deploy/} makes it available
 * to the next run.
 */
@ConsumerType
public interface StackTemplate {
	/** What the template is and builds. */
	TemplateDescriptor descriptor();

	/** How well this template fits a prompt, with the reason; the orchestrator asks every template. */
	Fit fit(String prompt);

	/** What the generated project needs on the machine. */
	Toolchain toolchain();

	/** How the generated project is built and tested. */
	TestPlan testPlan();

	/**
	 * JSON Schema (draft 2020-12) of this template's part of the spec, the {@code options} object: what a spec
	 * must say for this stack beyond entities and fields (transforms, a target column, pages...). The Requirements
	 * agent validates {@code options} against it; the default accepts any object.
	 */
	default String specSchema() {
		return "{\"type\": \"object\"}";
	}

	/**
	 * Completes a draft spec for this stack: the Requirements agent builds the common part (title, summary,
	 * entities and fields from the prompt and input documents, constraints) and hands it here; the template returns
	 * it with its stack-specific title, user stories, acceptance criteria and {@code options}. The default returns
	 * the draft unchanged. Must be deterministic: the same draft gives the same spec.
	 */
	default Map<String, Object> specify(Map<String, Object> draft) {
		return draft;
	}

	/**
	 * Known limitations of the projects this template generates for {@code spec}, one sentence each; the
	 * Documentation agent lists them in the README with the spec's assumptions.
	 */
	default List<String> limitations(Map<String, Object> spec) {
		return List.of();
	}

	/**
	 * Renders the project for {@code spec} into {@code files}. The sink, not the template, decides where bytes land:
	 * it rejects absolute paths, {@code ..} and symlinks.
	 */
	void render(Map<String, Object> spec, ProjectFiles files) throws Exception;
}
