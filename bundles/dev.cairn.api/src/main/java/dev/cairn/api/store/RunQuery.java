package dev.cairn.api.store;

/**
 * Which runs to list.
 *
 * @param status only runs with this status, or {@code null} for any
 * @param stack  only runs of this stack, or {@code null} for any
 * @param limit  at most this many, newest first
 */
public record RunQuery(String status, String stack, int limit) {
	public RunQuery {
		if (limit <= 0) {
			throw new IllegalArgumentException("limit must be positive: " + limit);
		}
	}

	public static RunQuery latest(int limit) {
		return new RunQuery(null, null, limit);
	}
}
