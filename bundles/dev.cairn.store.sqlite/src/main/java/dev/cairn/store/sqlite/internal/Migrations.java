package dev.cairn.store.sqlite.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema migrations. {@code PRAGMA user_version} holds the schema version of a ledger file; each migration
 * runs in its own transaction together with the version bump, so a crash leaves the file at a whole version.
 */
final class Migrations {
	/** In order; migration i (1-based) brings the schema from version i-1 to i. */
	static final List<String> SCRIPTS = List.of("V1__runs_steps_artifacts_tests.sql",
			"V2__model_calls_sbom_events_spans.sql", "V3__workspace_snapshots.sql",
			"V4__processes.sql");

	static final int LATEST = SCRIPTS.size();

	private Migrations() {
	}

	/** Thrown for a ledger written by a newer Cairn; the file is left untouched. */
	static final class TooNew extends Exception {
		private static final long serialVersionUID = 1L;
		final int found;

		TooNew(int found) {
			super("schema " + found);
			this.found = found;
		}
	}

	static int version(Connection c) throws SQLException {
		try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA user_version")) {
			return rs.next() ? rs.getInt(1) : 0;
		}
	}

	/** Brings the ledger to {@code target}; returns the version it was at. */
	static int migrate(Connection c, int target) throws SQLException, TooNew {
		int current = version(c);
		if (current > LATEST) {
			throw new TooNew(current);
		}
		boolean auto = c.getAutoCommit();
		c.setAutoCommit(false);
		try {
			for (int v = current + 1; v <= target; v++) {
				try (Statement s = c.createStatement()) {
					for (String statement : statements(read(SCRIPTS.get(v - 1)))) {
						s.execute(statement);
					}
					s.execute("PRAGMA user_version = " + v);
				}
				c.commit();
			}
		} catch (SQLException e) {
			c.rollback();
			throw e;
		} finally {
			c.setAutoCommit(auto);
		}
		return current;
	}

	private static String read(String script) {
		try (InputStream in = Migrations.class.getResourceAsStream("/dev/cairn/store/sqlite/migrations/" + script)) {
			if (in == null) {
				throw new IllegalStateException("migration missing from the bundle: " + script);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Splits a script on semicolons at line ends, dropping {@code --} comments. */
	static List<String> statements(String script) {
		StringBuilder clean = new StringBuilder();
		for (String line : script.split("\n")) {
			int comment = line.indexOf("--");
			clean.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
		}
		return java.util.Arrays.stream(clean.toString().split(";\\s*\n")).map(String::trim).filter(s -> !s.isEmpty())
				.toList();
	}
}
