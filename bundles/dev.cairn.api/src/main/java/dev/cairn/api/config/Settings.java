package dev.cairn.api.config;

import java.nio.file.Path;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Cairn's layered settings. Precedence, highest first:
 * <ol>
 * <li>a command-line flag (passed in by the command that parsed it),</li>
 * <li>an environment variable {@code CAIRN_<KEY>} (key upper-cased, dots and dashes as underscores),</li>
 * <li>the {@code dev.cairn.settings} configuration, i.e. {@code configs/dev.cairn.settings.cfg},</li>
 * <li>the built-in default.</li>
 * </ol>
 */
@ProviderType
public interface Settings {
	/** Well-known key: Cairn's home folder (ledger, runs, logs, dist). Env {@code CAIRN_HOME}. */
	String HOME = "home";
	/** Well-known key: lowest level written to the log file. Env {@code CAIRN_LOG_LEVEL}. */
	String LOG_LEVEL = "log.level";
	/** Well-known key: lowest level shown on the console. Env {@code CAIRN_CONSOLE_LEVEL}. */
	String CONSOLE_LEVEL = "console.level";

	/** The value for {@code key} from environment, configuration or default, with where it came from. */
	Optional<Value> get(String key);

	/** The value for {@code key}, letting a command-line flag win when it is non-null. */
	default Optional<Value> get(String key, String flag) {
		return flag != null ? Optional.of(new Value(key, flag, Source.FLAG)) : get(key);
	}

	/** Cairn's home folder, resolved from flag, environment, configuration or {@code ~/.cairn}. */
	Path home(String flag);

	/** Where a value came from. */
	enum Source {
		FLAG, ENVIRONMENT, CONFIGURATION, DEFAULT
	}

	/** A resolved setting. */
	record Value(String key, String value, Source source) {
	}
}
