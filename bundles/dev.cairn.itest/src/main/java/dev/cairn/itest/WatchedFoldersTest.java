package dev.cairn.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

import dev.cairn.api.config.Settings;
import dev.cairn.api.log.EventLog;
import dev.cairn.api.log.Level;
import dev.cairn.api.registry.PluginRegistry;

/**
 * The user's path: files in the folders FileInstall watches ({@code configs/} and {@code deploy/} in a real
 * installation), changed while the framework runs.
 */
class WatchedFoldersTest {
	@InjectBundleContext
	BundleContext context;

	@InjectService
	PluginRegistry registry;

	@InjectService
	Settings settings;

	@InjectService
	EventLog log;

	Path deploy;
	Path configs;
	String originalSettings;

	@BeforeEach
	void folders() throws IOException {
		Path root = Path.of(context.getProperty("cairn.itest.dir"));
		deploy = root.resolve("deploy");
		configs = root.resolve("configs");
		originalSettings = Files.readString(configs.resolve("dev.cairn.settings.cfg"));
	}

	@AfterEach
	void restore() throws IOException {
		replace(configs.resolve("dev.cairn.settings.cfg"), originalSettings.getBytes(StandardCharsets.UTF_8));
		try (var files = Files.list(deploy)) {
			for (Path p : files.filter(p -> p.toString().endsWith(".jar")).toList()) {
				Files.delete(p);
			}
		}
		Await.until("deploy/ emptied", () -> Fixture.listed(registry).isEmpty());
		Await.until("settings restored", () -> settings.get(Settings.LOG_LEVEL).orElseThrow().value().equals("info"));
	}

	/** Writes to a temporary name, then renames: FileInstall never sees half a jar. */
	static void replace(Path target, byte[] content) throws IOException {
		Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
		Files.write(tmp, content);
		Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	@Test
	void jarDroppedIntoDeployIsInstalledReplacedJarIsUpdatedDeletedJarIsUninstalled() throws Exception {
		Path jar = deploy.resolve("sample-template.jar");
		replace(jar, Fixture.jar("1.0.0", 10));
		Await.until("deployed 1.0.0 listed", () -> Fixture.selectedVersion(registry), Optional.of("1.0.0")::equals);

		replace(jar, Fixture.jar("1.2.0", 10));
		Await.until("updated to 1.2.0", () -> Fixture.selectedVersion(registry), Optional.of("1.2.0")::equals);
		assertEquals(1, Fixture.listed(registry).size(), "an update replaces the bundle, it does not add one");

		Files.delete(jar);
		Await.until("uninstalled", () -> Fixture.selectedVersion(registry), Optional.<String>empty()::equals);
	}

	@Test
	void brokenJarsAreReportedByNameAndNothingElseIsAffected() throws Exception {
		Files.write(deploy.resolve("not-a-bundle.jar"), "this is not a zip file".getBytes(StandardCharsets.UTF_8));
		replace(deploy.resolve("unresolvable.jar"), bundleImporting("dev.cairn.does.not.exist"));

		Path logFile = settings.home(null).resolve("logs").resolve("cairn.log");
		Await.until("the unresolvable bundle reported by file name and missing package in " + logFile,
				() -> read(logFile), text -> text.lines()
						.anyMatch(l -> l.contains("unresolvable.jar") && l.contains("dev.cairn.does.not.exist")));
		Await.until("the non-bundle reported by file name in " + logFile, () -> read(logFile),
				text -> text.lines().anyMatch(l -> l.contains("not-a-bundle.jar") && l.contains("not an OSGi bundle")));

		// the platform keeps working: a good template deployed next to them still arrives
		replace(deploy.resolve("sample-template.jar"), Fixture.jar("1.0.0", 10));
		Await.until("good jar deployed beside broken ones", () -> Fixture.selectedVersion(registry),
				Optional.of("1.0.0")::equals);
	}

	@Test
	void editedConfigurationFileIsAppliedWithoutRestart() throws Exception {
		Settings.Value before = settings.get(Settings.LOG_LEVEL).orElseThrow();
		assertEquals("info", before.value());
		assertEquals(Settings.Source.CONFIGURATION, before.source());
		assertTrue(!log.enabled(Level.DEBUG), "debug is off at level info");

		replace(configs.resolve("dev.cairn.settings.cfg"),
				originalSettings.replace("log.level = info", "log.level = debug").getBytes(StandardCharsets.UTF_8));

		Await.until("log.level=debug applied", () -> settings.get(Settings.LOG_LEVEL).orElseThrow().value(),
				"debug"::equals);
		// the log writer follows the Settings service's MODIFIED event, not a restart
		Await.until("debug enabled in the event log", () -> log.enabled(Level.DEBUG));
	}

	private static String read(Path file) {
		try {
			return Files.exists(file) ? Files.readString(file) : "";
		} catch (IOException e) {
			return "";
		}
	}

	private static byte[] bundleImporting(String pkg) throws IOException {
		Manifest m = new Manifest();
		Attributes a = m.getMainAttributes();
		a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
		a.putValue("Bundle-ManifestVersion", "2");
		a.putValue("Bundle-SymbolicName", "dev.cairn.itest.unresolvable");
		a.putValue("Bundle-Version", "1.0.0");
		a.putValue("Import-Package", pkg);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (JarOutputStream out = new JarOutputStream(bytes, m)) {
			// a manifest is all it needs to fail resolution
		}
		return bytes.toByteArray();
	}
}
