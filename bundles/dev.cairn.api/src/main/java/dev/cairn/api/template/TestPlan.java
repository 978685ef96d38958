package dev.cairn.api.template;

import java.util.List;

/**
 * How the Testing agent builds and tests a generated project.
 *
 * @param kind             {@link #PYTHON_VENV} (a venv from the validated interpreter, {@code pip install -r} the
 *                         requirements file, then the test command with {@code python} meaning the venv's) or
 *                         {@link #NODE_NPM} ({@code npm install} from the package file, then the test command)
 * @param requirementsFile dependency file relative to the project: {@code requirements.txt}, {@code package.json}
 * @param testCommand      test command; {@code {junit}} is replaced by the path of one JUnit XML report,
 *                         {@code {reports}} by a folder where the command may write several ({@code *.xml})
 * @param repinnable       dependencies the fix-forward may re-pin to the newest version the index has
 */
public record TestPlan(String kind, String requirementsFile, List<String> testCommand, List<String> repinnable) {
	public static final String PYTHON_VENV = "python-venv";
	public static final String NODE_NPM = "node-npm";

	public TestPlan {
		testCommand = List.copyOf(testCommand);
		repinnable = repinnable == null ? List.of() : List.copyOf(repinnable);
	}
}
