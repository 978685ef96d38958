package dev.cairn.agent.testing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixForwardTest {
	static final String REQUIREMENTS = "# deps\nfastapi>=99\npydantic>=2.7\nhttpx>=0.27\n";

	@Test
	void anUnsatisfiablePinIsRepinnedToTheNewestVersionTheIndexHas() {
		String pip = "ERROR: Could not find a version that satisfies the requirement fastapi>=99 "
				+ "(from versions: 0.100.0, 0.142.2)\nERROR: No matching distribution found for fastapi>=99\n";
		FixForward.Diagnosis d = FixForward.ofInstall(pip, REQUIREMENTS);
		assertEquals(FixForward.Kind.DEPENDENCY_RESOLUTION, d.kind());
		assertTrue(d.fixable());
		assertEquals("# deps\nfastapi==0.142.2  # re-pinned by Cairn's fix-forward (was: fastapi>=99)\npydantic>=2.7\nhttpx>=0.27\n",
				d.requirementsAfter());
	}

	@Test
	void nothingToTryWhenTheIndexHasNoVersionAtAllOrTheTestsSimplyFail() {
		assertFalse(FixForward.ofInstall("Could not find a version that satisfies the requirement nope (from versions: none)",
				REQUIREMENTS).fixable());
		assertEquals(FixForward.Kind.VERSION_CONFLICT,
				FixForward.ofInstall("ERROR: ResolutionImpossible: ...", REQUIREMENTS).kind());
		FixForward.Diagnosis failing = FixForward.ofTests("FAILED tests/test_books.py::test_get - assert 200 == 404",
				REQUIREMENTS);
		assertEquals(FixForward.Kind.TEST_FAILURE, failing.kind());
		assertFalse(failing.fixable());
	}

	@Test
	void aModuleTheTestsCannotImportIsAddedOnceUnlessItIsAlreadyListed() {
		FixForward.Diagnosis d = FixForward.ofTests("E   ModuleNotFoundError: No module named 'yaml'", REQUIREMENTS);
		assertEquals(FixForward.Kind.MISSING_MODULE, d.kind());
		assertTrue(d.requirementsAfter().endsWith("yaml  # added by Cairn's fix-forward\n"), d.requirementsAfter());
		assertFalse(FixForward.ofTests("ModuleNotFoundError: No module named 'httpx'", REQUIREMENTS).fixable());
	}

	@Test
	void requirementNamesAreNormalised() {
		assertEquals("fastapi", FixForward.name("FastAPI[all]>=0.1"));
		assertEquals("typing-extensions", FixForward.name("typing_extensions ; python_version<'3.12'"));
	}

	/** Against the real pip and the machine's configured index: the message the heuristic reads is pip's own. */
	@Test
	void realPipReportsWhatTheHeuristicNeeds(@TempDir Path dir) throws Exception {
		Path req = Files.writeString(dir.resolve("requirements.txt"), "pytest>=999\n");
		Process p = new ProcessBuilder("python3", "-m", "pip", "install", "--dry-run", "--retries", "0", "--timeout", "5",
				"-r", req.toString()).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes());
		assertTrue(p.waitFor(120, TimeUnit.SECONDS));
		FixForward.Diagnosis d = FixForward.ofInstall(out, Files.readString(req));
		assertTrue(d.fixable(), out);
		assertTrue(d.requirementsAfter().startsWith("pytest=="), d.requirementsAfter());
	}
}
