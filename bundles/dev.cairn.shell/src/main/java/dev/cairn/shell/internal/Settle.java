package dev.cairn.shell.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.jar.JarFile;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Waits, before a non-interactive command runs, until the platform has settled: every start level is reached, each
 * {@code .cfg} in {@code configs/} has reached Configuration Admin and each bundle jar in {@code deploy/} is
 * installed. FileInstall does this work on its own threads; without the wait, {@code ./agent templates} could answer
 * before a deployed template is there, or a command could read settings before {@code configs/} applied.
 */
final class Settle {
	private final BundleContext context;
	private final BooleanSupplier commandsReady;

	/**
	 * @param commandsReady true once the agent command scope is registered; SCR may activate components on its own
	 *                      thread after the start level is reached
	 */
	Settle(BundleContext context, BooleanSupplier commandsReady) {
		this.context = context;
		this.commandsReady = commandsReady;
	}

	/** @return what did not settle in time (empty when everything did) */
	List<String> await(long timeoutMillis) throws InterruptedException {
		long deadline = System.currentTimeMillis() + timeoutMillis;
		List<String> pending;
		do {
			pending = pending();
			if (pending.isEmpty()) {
				return pending;
			}
			Thread.sleep(10);
		} while (System.currentTimeMillis() < deadline);
		return pending;
	}

	List<String> pending() {
		List<String> pending = new ArrayList<>();
		FrameworkStartLevel fsl = context.getBundle(0).adapt(FrameworkStartLevel.class);
		int target = parseInt(context.getProperty(Constants.FRAMEWORK_BEGINNING_STARTLEVEL), 1);
		if (fsl != null && fsl.getStartLevel() < target) {
			pending.add("start level " + fsl.getStartLevel() + " of " + target);
			return pending;
		}
		if (!commandsReady.getAsBoolean()) {
			pending.add("the agent commands");
		}
		for (Path cfg : files(context.getProperty("cairn.configs"), "*.{cfg,config}")) {
			if (!configured(cfg)) {
				pending.add(cfg.toString());
			}
		}
		for (Path jar : files(context.getProperty("cairn.deploy"), "*.jar")) {
			if (isBundle(jar) && !installed(jar)) {
				pending.add(jar.toString());
			}
		}
		return pending;
	}

	private boolean configured(Path cfg) {
		ServiceReference<ConfigurationAdmin> ref = context.getServiceReference(ConfigurationAdmin.class);
		ConfigurationAdmin admin = ref == null ? null : context.getService(ref);
		if (admin == null) {
			return false;
		}
		try {
			Configuration[] all = admin.listConfigurations("(felix.fileinstall.filename=*)");
			String name = "/" + cfg.getFileName();
			if (all != null) {
				for (Configuration c : all) {
					Object file = c.getProperties() == null ? null : c.getProperties().get("felix.fileinstall.filename");
					if (file != null && String.valueOf(file).endsWith(name)) {
						return true;
					}
				}
			}
			return false;
		} catch (IOException | org.osgi.framework.InvalidSyntaxException e) {
			return true; // nothing to wait for if Configuration Admin cannot answer
		} finally {
			context.ungetService(ref);
		}
	}

	/**
	 * True once FileInstall has installed the jar and it is active, or it cannot become active: it does not resolve
	 * (FileInstall logs why) or it is a fragment.
	 */
	private boolean installed(Path jar) {
		String name = "/" + jar.getFileName();
		for (Bundle b : context.getBundles()) {
			if (b.getLocation() == null || !b.getLocation().endsWith(name)) {
				continue;
			}
			if (b.getState() == Bundle.ACTIVE || b.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
				return true;
			}
			if (b.getState() == Bundle.INSTALLED) {
				FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
				return !wiring.resolveBundles(List.of(b));
			}
			return false;
		}
		return false;
	}

	/** Jars that are not bundles are never installed; FileInstall reports them, we must not wait for them. */
	static boolean isBundle(Path jar) {
		try (JarFile file = new JarFile(jar.toFile())) {
			return file.getManifest() != null
					&& file.getManifest().getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME) != null;
		} catch (IOException notAJar) {
			return false;
		}
	}

	private static List<Path> files(String dir, String glob) {
		List<Path> out = new ArrayList<>();
		if (dir == null || dir.isBlank() || !Files.isDirectory(Path.of(dir))) {
			return out;
		}
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(Path.of(dir), glob)) {
			stream.forEach(out::add);
		} catch (IOException e) {
			// an unreadable folder holds nothing we can wait for
		}
		return out;
	}

	private static int parseInt(String value, int fallback) {
		try {
			return value == null ? fallback : Integer.parseInt(value.trim());
		} catch (NumberFormatException e) {
			return fallback;
		}
	}
}
