package dev.cairn.api.log;

/** Event levels, least to most severe. */
public enum Level {
	TRACE, DEBUG, INFO, WARN, ERROR;

	/** Parses a level name case-insensitively; {@code null} when unknown. */
	public static Level parse(String value) {
		if (value == null) {
			return null;
		}
		for (Level level : values()) {
			if (level.name().equalsIgnoreCase(value.trim())) {
				return level;
			}
		}
		return null;
	}
}
