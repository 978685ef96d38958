package dev.cairn.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotABundleReporterTest {
	@TempDir
	Path dir;

	@Test
	void tellsWhyAJarIsNotABundleAndLeavesBundlesAlone() throws IOException {
		Path junk = Files.writeString(dir.resolve("junk.jar"), "not a zip");
		assertTrue(NotABundleReporter.problem(junk.toFile()).startsWith("not a readable jar"));

		assertEquals("no Bundle-SymbolicName in its manifest",
				NotABundleReporter.problem(jar("plain.jar", null).toFile()));
		assertNull(NotABundleReporter.problem(jar("bundle.jar", "com.example.template").toFile()));
	}

	private Path jar(String name, String bsn) throws IOException {
		Manifest m = new Manifest();
		m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		if (bsn != null) {
			m.getMainAttributes().putValue("Bundle-SymbolicName", bsn);
		}
		Path p = dir.resolve(name);
		try (OutputStream out = Files.newOutputStream(p); JarOutputStream jar = new JarOutputStream(out, m)) {
			// manifest only
		}
		return p;
	}
}
