package dev.cairn.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cairn.api.config.Settings;
import dev.cairn.api.config.Settings.Source;

class SettingsImplTest {

	@Test
	void flagBeatsEnvironmentBeatsConfigurationBeatsDefault() {
		Map<String, String> env = Map.of("CAIRN_LOG_LEVEL", "debug");
		SettingsImpl settings = new SettingsImpl(Map.of("log.level", "warn", "console.level", "error"), env::get);

		assertEquals(new Settings.Value("log.level", "trace", Source.FLAG), settings.get("log.level", "trace").get());
		assertEquals(new Settings.Value("log.level", "debug", Source.ENVIRONMENT), settings.get("log.level").get());
		assertEquals(new Settings.Value("console.level", "error", Source.CONFIGURATION),
				settings.get("console.level").get());

		SettingsImpl bare = new SettingsImpl(Map.of(), k -> null);
		assertEquals(Source.DEFAULT, bare.get("log.level").get().source());
		assertEquals("info", bare.get("log.level").get().value());
		assertTrue(bare.get("no.such.key").isEmpty());
	}

	@Test
	void blankValuesDoNotShadowLowerLayers() {
		Map<String, String> env = Map.of("CAIRN_CONSOLE_LEVEL", "  ");
		SettingsImpl settings = new SettingsImpl(Map.of("console.level", "info"), env::get);
		assertEquals(Source.CONFIGURATION, settings.get("console.level").get().source());
	}

	@Test
	void modifiedConfigurationIsSeenByTheNextLookup() {
		SettingsImpl settings = new SettingsImpl(Map.of("log.level", "warn"), k -> null);
		settings.modified(Map.of("log.level", "error"));
		assertEquals("error", settings.get("log.level").get().value());
	}

	@Test
	void environmentVariableNamesAreDerivedFromKeys() {
		assertEquals("CAIRN_HOME", SettingsImpl.environmentName("home"));
		assertEquals("CAIRN_LOG_LEVEL", SettingsImpl.environmentName("log.level"));
		assertEquals("CAIRN_MODEL_BASE_URL", SettingsImpl.environmentName("model.base-url"));
	}

	@Test
	void homeExpandsTildeAndDefaultsToDotCairn() {
		String userHome = System.getProperty("user.home");
		assertEquals(Path.of(userHome, ".cairn"), new SettingsImpl(Map.of(), k -> null).home(null));
		assertEquals(Path.of(userHome, "work", "cairn"),
				new SettingsImpl(Map.of("home", "~/work/cairn"), k -> null).home(null));
		assertEquals(Path.of("/tmp/flag-home"),
				new SettingsImpl(Map.of("home", "/cfg"), Map.of("CAIRN_HOME", "/env")::get).home("/tmp/flag-home"));
		assertEquals(Path.of("/env"), new SettingsImpl(Map.of("home", "/cfg"), Map.of("CAIRN_HOME", "/env")::get).home(null));
	}
}
