package dev.cairn.core.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;

import dev.cairn.api.config.Settings;

/**
 * Layered settings. Configuration comes from {@code configs/dev.cairn.settings.cfg} through FileInstall and
 * Configuration Admin; edits arrive through {@link #modified(Map)} without a restart. Because DS copies the
 * configuration into the service properties, consumers that track this service see a MODIFIED event on each edit.
 */
@Component(configurationPid = SettingsImpl.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class SettingsImpl implements Settings {
	static final String PID = "dev.cairn.settings";

	private static final Map<String, String> DEFAULTS = Map.of(LOG_LEVEL, "info", CONSOLE_LEVEL, "warn");

	private final UnaryOperator<String> environment;
	private volatile Map<String, Object> configuration;

	@Activate
	public SettingsImpl(Map<String, Object> configuration) {
		this(configuration, System::getenv);
	}

	/** For tests: an explicit environment. */
	public SettingsImpl(Map<String, Object> configuration, UnaryOperator<String> environment) {
		this.configuration = Map.copyOf(configuration);
		this.environment = environment;
	}

	@Modified
	void modified(Map<String, Object> configuration) {
		this.configuration = Map.copyOf(configuration);
	}

	/** {@code log.level} -> {@code CAIRN_LOG_LEVEL}. */
	static String environmentName(String key) {
		return "CAIRN_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
	}

	@Override
	public Optional<Value> get(String key) {
		String env = environment.apply(environmentName(key));
		if (env != null && !env.isBlank()) {
			return Optional.of(new Value(key, env.trim(), Source.ENVIRONMENT));
		}
		Object configured = configuration.get(key);
		if (configured != null && !String.valueOf(configured).isBlank()) {
			return Optional.of(new Value(key, String.valueOf(configured).trim(), Source.CONFIGURATION));
		}
		String fallback = DEFAULTS.get(key);
		return fallback == null ? Optional.empty() : Optional.of(new Value(key, fallback, Source.DEFAULT));
	}

	@Override
	public Path home(String flag) {
		String value = get(HOME, flag).map(Value::value)
				.orElseGet(() -> Path.of(System.getProperty("user.home"), ".cairn").toString());
		if (value.startsWith("~/")) {
			value = System.getProperty("user.home") + value.substring(1);
		}
		return Path.of(value).toAbsolutePath().normalize();
	}
}
