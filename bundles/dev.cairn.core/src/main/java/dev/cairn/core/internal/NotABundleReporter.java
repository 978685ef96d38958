package dev.cairn.core.internal;

import java.io.File;
import java.io.IOException;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.cairn.api.log.EventLog;

/**
 * Claims the {@code .jar} files in watched folders that are not OSGi bundles (not a zip, or no
 * Bundle-SymbolicName), so FileInstall neither wraps nor silently skips them, and says so in one line naming the
 * file. Real bundles are left to FileInstall: {@link #canHandle} answers false for them.
 */
@Component
public final class NotABundleReporter implements ArtifactInstaller {
	private final EventLog log;

	@Activate
	public NotABundleReporter(@Reference(name = "log") EventLog log) {
		this.log = log;
	}

	@Override
	public boolean canHandle(File artifact) {
		return artifact.getName().endsWith(".jar") && problem(artifact) != null;
	}

	@Override
	public void install(File artifact) {
		report(artifact);
	}

	@Override
	public void update(File artifact) {
		report(artifact);
	}

	@Override
	public void uninstall(File artifact) {
		log.info("deploy.ignored.removed", "file", artifact.toString());
	}

	private void report(File artifact) {
		String problem = problem(artifact);
		log.warn("deploy.not.a.bundle", "message", artifact + " is not an OSGi bundle (" + problem + "); ignored",
				"file", artifact.toString());
	}

	/** Why the file is not a bundle, or {@code null} when it is one. */
	static String problem(File artifact) {
		try (JarFile jar = new JarFile(artifact)) {
			Manifest manifest = jar.getManifest();
			if (manifest == null) {
				return "no META-INF/MANIFEST.MF";
			}
			if (manifest.getMainAttributes().getValue("Bundle-SymbolicName") == null) {
				return "no Bundle-SymbolicName in its manifest";
			}
			return null;
		} catch (IOException e) {
			return "not a readable jar: " + e.getMessage();
		}
	}
}
