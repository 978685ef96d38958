package dev.cairn.api.template;

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
	 * Renders the project for {@code spec} into {@code files}. The sink, not the template, decides where bytes land:
	 * it rejects absolute paths, {@code ..} and symlinks.
	 */
	void render(Map<String, Object> spec, ProjectFiles files) throws Exception;
}
