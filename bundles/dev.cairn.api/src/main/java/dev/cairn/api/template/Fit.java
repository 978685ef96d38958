package dev.cairn.api.template;

/**
 * A template's answer to "does this prompt fit you?".
 *
 * @param score  0.0 (no fit) to 1.0 (exact fit)
 * @param reason one line a user can read, e.g. "mentions FastAPI and CRUD"
 */
public record Fit(double score, String reason) {
	public Fit {
		if (Double.isNaN(score) || score < 0.0 || score > 1.0) {
			throw new IllegalArgumentException("score must be within [0,1]: " + score);
		}
		reason = reason == null ? "" : reason;
	}

	public static Fit none(String reason) {
		return new Fit(0.0, reason);
	}
}
