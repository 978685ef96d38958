package dev.cairn.api.template;

import java.util.List;

/**
 * How the Testing agent builds and tests a generated project.
 *
 * @param kind             {@code python-venv} (a venv, pip install -r the requirements file, then the test command
 *                         inside the venv)
 * @param requirementsFile dependency file relative to the project, e.g. {@code requirements.txt}
 * @param testCommand      test command run inside the environment; {@code {junit}} is replaced by the report path
 * @param repinnable       dependencies the fix-forward may re-pin to the newest version the index has
 */
public record TestPlan(String kind, String requirementsFile, List<String> testCommand, List<String> repinnable) {
	public TestPlan {
		testCommand = List.copyOf(testCommand);
		repinnable = repinnable == null ? List.of() : List.copyOf(repinnable);
	}
}
