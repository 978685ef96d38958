package dev.cairn.store.sqlite.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

import org.sqlite.SQLiteConfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cairn.api.CairnException;
import dev.cairn.api.ExitCode;
import dev.cairn.api.store.ArtifactRecord;
import dev.cairn.api.store.DependencyRecord;
import dev.cairn.api.store.EnvironmentRecord;
import dev.cairn.api.store.ProcessRecord;
import dev.cairn.api.store.EventRecord;
import dev.cairn.api.store.GuardDecisionRecord;
import dev.cairn.api.store.Ledger;
import dev.cairn.api.store.ModelCallRecord;
import dev.cairn.api.store.PluginRef;
import dev.cairn.api.store.RunDetails;
import dev.cairn.api.store.RunQuery;
import dev.cairn.api.store.RunRecord;
import dev.cairn.api.store.SpanRecord;
import dev.cairn.api.store.StepRecord;
import dev.cairn.api.store.TestCaseRecord;

/**
 * One SQLite ledger file. One connection, used under a lock: writes from concurrent runs in this process are
 * serialised here, writes from other processes wait on SQLite's busy timeout. WAL keeps readers off writers' backs
 * and makes a killed writer's half-done transaction vanish on the next open.
 */
final class SqliteLedger implements Ledger, AutoCloseable {
	static final String FILE = "ledger.db";

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};
	private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
	};

	private final Path file;
	private final UnaryOperator<String> redactor;
	private final ReentrantLock lock = new ReentrantLock();
	private final Connection connection;

	/**
	 * Opens (creating or upgrading) the ledger at {@code file}.
	 *
	 * @throws CairnException for a ledger from a newer Cairn (the file is not modified) or one that cannot be opened
	 */
	static SqliteLedger open(Path file, UnaryOperator<String> redactor) {
		return open(file, redactor, Migrations.LATEST);
	}

	/** For tests: stop migrating at {@code schema}, to make ledgers as older Cairns wrote them. */
	static SqliteLedger open(Path file, UnaryOperator<String> redactor, int schema) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			refuseNewer(file);
			SQLiteConfig config = new SQLiteConfig();
			config.setJournalMode(SQLiteConfig.JournalMode.WAL);
			config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
			config.enforceForeignKeys(true);
			config.setBusyTimeout(15_000);
			Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
			try {
				Migrations.migrate(c, schema);
			} catch (Migrations.TooNew raced) {
				c.close();
				throw tooNew(file, raced.found);
			}
			return new SqliteLedger(file, redactor, c);
		} catch (SQLException | java.io.IOException e) {
			throw new CairnException(ExitCode.ENVIRONMENT,
					"cannot open the run ledger " + file + ": " + e.getMessage(), e);
		}
	}

	/** Reads the schema version through a plain connection that changes nothing, before any pragma is set. */
	private static void refuseNewer(Path file) throws SQLException {
		if (!Files.exists(file)) {
			return;
		}
		try (Connection c = ReadOnly.connect(file)) {
			int version = Migrations.version(c);
			if (version > Migrations.LATEST) {
				throw tooNew(file, version);
			}
		}
	}

	private static CairnException tooNew(Path file, int version) {
		return new CairnException(ExitCode.ENVIRONMENT, "the run ledger " + file + " was written by a newer Cairn (schema "
				+ version + "; this Cairn knows up to " + Migrations.LATEST
				+ "); it was left untouched: upgrade Cairn or use another --home");
	}

	private SqliteLedger(Path file, UnaryOperator<String> redactor, Connection connection) {
		this.file = file;
		this.redactor = redactor;
		this.connection = connection;
	}

	Path file() {
		return file;
	}

	/** A connection for reading pragmas in tests and benchmarks. */
	Connection connection() {
		return connection;
	}

	@Override
	public void close() {
		lock.lock();
		try {
			connection.close();
		} catch (SQLException e) {
			// closing on shutdown: WAL recovers whatever was not checkpointed
		} finally {
			lock.unlock();
		}
	}

	// ---- writing ------------------------------------------------------------------------------------------

	@FunctionalInterface
	private interface Work<T> {
		T run(Connection c) throws SQLException;
	}

	/** Runs {@code work} in one transaction under the lock. */
	private <T> T tx(Work<T> work) {
		lock.lock();
		try {
			connection.setAutoCommit(false);
			try {
				T result = work.run(connection);
				connection.commit();
				return result;
			} catch (SQLException | RuntimeException e) {
				connection.rollback();
				throw e;
			} finally {
				connection.setAutoCommit(true);
			}
		} catch (SQLException e) {
			throw new CairnException(ExitCode.INTERNAL, "run ledger " + file + ": " + e.getMessage(), e);
		} finally {
			lock.unlock();
		}
	}

	private String r(String text) {
		return text == null ? null : redactor.apply(text);
	}

	private String json(Object value) {
		try {
			return r(JSON.writeValueAsString(value));
		} catch (JsonProcessingException e) {
			throw new IllegalArgumentException("not serialisable as JSON: " + e.getOriginalMessage(), e);
		}
	}

	private static String time(Instant t) {
		return t == null ? null : t.toString();
	}

	private static void set(PreparedStatement ps, Object... values) throws SQLException {
		for (int i = 0; i < values.length; i++) {
			Object v = values[i];
			if (v == null) {
				ps.setNull(i + 1, Types.NULL);
			} else if (v instanceof Integer n) {
				ps.setInt(i + 1, n);
			} else if (v instanceof Long n) {
				ps.setLong(i + 1, n);
			} else {
				ps.setString(i + 1, v.toString());
			}
		}
	}

	private static int update(Connection c, String sql, Object... values) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement(sql)) {
			set(ps, values);
			return ps.executeUpdate();
		}
	}

	@Override
	public void begin(RunRecord run) {
		ProcessHandle self = ProcessHandle.current();
		PluginRef t = run.template();
		tx(c -> update(c, """
				INSERT INTO runs (id, prompt, inputs, status, exit_code, stack, template_id, template_version,
				  template_bundle, template_bundle_version, model_provider, model, seed, cairn_version, home, workspace,
				  run_dir, started_at, ended_at, duration_ms, error, owner_pid, owner_started)
				VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""", run.id(), r(run.prompt()), json(run.inputs()),
				run.status(), run.exitCode(), run.stack(), t == null ? null : t.id(), t == null ? null : t.version(),
				t == null ? null : t.bundle(), t == null ? null : t.bundleVersion(), run.modelProvider(), run.model(),
				run.seed(), run.cairnVersion(), r(run.home()), r(run.workspace()), r(run.runDirectory()),
				time(run.startedAt()), time(run.endedAt()), run.durationMillis(), r(run.error()), self.pid(),
				self.info().startInstant().map(Instant::toString).orElse(null)));
	}

	@Override
	public void chosen(String runId, String stack, PluginRef t) {
		tx(c -> update(c, """
				UPDATE runs SET stack = ?, template_id = ?, template_version = ?, template_bundle = ?,
				  template_bundle_version = ? WHERE id = ?""", stack, t == null ? null : t.id(),
				t == null ? null : t.version(), t == null ? null : t.bundle(), t == null ? null : t.bundleVersion(), runId));
	}

	@Override
	public void snapshots(String runId, String before, String after) {
		tx(c -> update(c, "UPDATE runs SET snapshot_before = ?, snapshot_after = ? WHERE id = ?", before, after, runId));
	}

	@Override
	public Optional<dev.cairn.api.store.WorkspaceState> workspaceState(String runId) {
		return query("SELECT id, workspace, snapshot_before, snapshot_after FROM runs WHERE id = ?",
				rs -> new dev.cairn.api.store.WorkspaceState(rs.getString(1), rs.getString(2), rs.getString(3),
						rs.getString(4)),
				runId).stream().findFirst();
	}

	@Override
	public void finish(String runId, String status, int exitCode, String error, Instant endedAt) {
		int changed = tx(c -> update(c, """
				UPDATE runs SET status = ?, exit_code = ?, error = ?, ended_at = ?,
				  duration_ms = CAST(ROUND((julianday(?) - julianday(started_at)) * 86400000) AS INTEGER)
				WHERE id = ?""", status, exitCode, r(error), time(endedAt), time(endedAt), runId));
		if (changed == 0) {
			throw CairnException.usage("no run " + runId + " in " + file);
		}
	}

	@Override
	public void step(StepRecord s) {
		PluginRef a = s.agent();
		tx(c -> update(c, """
				INSERT OR REPLACE INTO steps (run_id, seq, role, agent_id, agent_version, agent_bundle,
				  agent_bundle_version, status, attempt, started_at, ended_at, error, retry_reason)
				VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)""", s.runId(), s.seq(), s.role(), a == null ? null : a.id(),
				a == null ? null : a.version(), a == null ? null : a.bundle(), a == null ? null : a.bundleVersion(),
				s.status(), s.attempt(), time(s.startedAt()), time(s.endedAt()), r(s.error()), r(s.retryReason())));
	}

	@Override
	public void modelCall(ModelCallRecord m) {
		tx(c -> update(c, """
				INSERT INTO model_calls (run_id, step_seq, provider, model, request, response, input_tokens,
				  output_tokens, latency_ms, status, retries, started_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)""",
				m.runId(), m.stepSeq(), m.provider(), m.model(), r(m.request()), r(m.response()), m.inputTokens(),
				m.outputTokens(), m.latencyMillis(), m.status(), m.retries(), time(m.startedAt())));
	}

	@Override
	public void artifacts(List<ArtifactRecord> artifacts) {
		batch("""
				INSERT OR REPLACE INTO artifacts (run_id, path, size, sha256, step_seq, origin, licence, source_url)
				VALUES (?,?,?,?,?,?,?,?)""", artifacts, a -> new Object[] { a.runId(), r(a.path()), a.size(),
				a.sha256(), a.stepSeq(), a.origin(), a.licence(), r(a.sourceUrl()) });
	}

	@Override
	public void decision(GuardDecisionRecord d) {
		tx(c -> update(c, """
				INSERT INTO guard_decisions (run_id, step_seq, subject_kind, subject, policy, policy_version, verdict,
				  reason, decided_at) VALUES (?,?,?,?,?,?,?,?,?)""", d.runId(), d.stepSeq(), d.subjectKind(),
				r(d.subject()), d.policy(), d.policyVersion(), d.verdict(), r(d.reason()), time(d.decidedAt())));
	}

	@Override
	public void tests(List<TestCaseRecord> tests) {
		batch("""
				INSERT INTO test_cases (run_id, suite, name, status, duration_ms, message) VALUES (?,?,?,?,?,?)""",
				tests, t -> new Object[] { t.runId(), r(t.suite()), r(t.name()), t.status(), t.durationMillis(),
						r(t.message()) });
	}

	@Override
	public void environment(EnvironmentRecord e) {
		tx(c -> update(c, """
				INSERT OR REPLACE INTO environments (run_id, os, java, python, node, tools, env_names, package_index,
				  isolation, snapshot_ref, captured_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)""", e.runId(), e.os(), e.java(),
				e.python(), e.node(), json(e.tools()), json(e.envNames()), r(e.packageIndex()), e.isolation(),
				e.snapshotRef(), time(e.capturedAt())));
	}

	@Override
	public void dependencies(List<DependencyRecord> dependencies) {
		batch("""
				INSERT OR REPLACE INTO dependencies (run_id, name, version, purl, licence) VALUES (?,?,?,?,?)""",
				dependencies, d -> new Object[] { d.runId(), d.name(), d.version(), d.purl(), d.licence() });
	}

	@Override
	public void process(ProcessRecord p) {
		tx(c -> update(c, """
				INSERT INTO processes (run_id, step_seq, name, command, exit_code, timed_out, wall_ms, cpu_ms, peak_rss,
				  isolation, started_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)""", p.runId(), p.stepSeq(), p.name(),
				r(p.command()), p.exitCode(), p.timedOut() ? 1 : 0, p.wallMillis(), p.cpuMillis(), p.peakRss(),
				p.isolation(), time(p.startedAt())));
	}

	@Override
	public void events(List<EventRecord> events) {
		batch("INSERT INTO events (run_id, at, level, name, fields) VALUES (?,?,?,?,?)", events,
				e -> new Object[] { e.runId(), time(e.at()), e.level(), e.name(), json(e.fields()) });
	}

	@Override
	public void spans(List<SpanRecord> spans) {
		batch("""
				INSERT OR REPLACE INTO spans (span_id, trace_id, parent_id, run_id, type, name, started_at, ended_at,
				  attributes) VALUES (?,?,?,?,?,?,?,?,?)""", spans,
				s -> new Object[] { s.spanId(), s.traceId(), s.parentId(), s.runId(), s.type(), r(s.name()),
						time(s.startedAt()), time(s.endedAt()), json(s.attributes()) });
	}

	private <T> void batch(String sql, List<T> rows, java.util.function.Function<T, Object[]> values) {
		if (rows.isEmpty()) {
			return;
		}
		tx(c -> {
			try (PreparedStatement ps = c.prepareStatement(sql)) {
				for (T row : rows) {
					set(ps, values.apply(row));
					ps.addBatch();
				}
				ps.executeBatch();
			}
			return null;
		});
	}

	@Override
	public List<String> markInterrupted() {
		return tx(c -> {
			List<String> orphaned = new ArrayList<>();
			try (PreparedStatement ps = c.prepareStatement(
					"SELECT id, owner_pid, owner_started FROM runs WHERE status = 'running'"); ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					if (!alive(rs.getLong(2), rs.getString(3))) {
						orphaned.add(rs.getString(1));
					}
				}
			}
			String now = Instant.now().toString();
			for (String id : orphaned) {
				update(c, """
						UPDATE runs SET status = 'interrupted', exit_code = 130, ended_at = ?,
						  error = 'the process running it ended without finishing it (killed or crashed)'
						WHERE id = ?""", now, id);
				update(c, "UPDATE steps SET status = 'interrupted', ended_at = ? WHERE run_id = ? AND status = 'running'",
						now, id);
			}
			return orphaned;
		});
	}

	/** The owner is alive when a process with its pid exists and started at the recorded instant. */
	static boolean alive(long pid, String started) {
		Optional<ProcessHandle> p = ProcessHandle.of(pid);
		if (p.isEmpty() || !p.get().isAlive()) {
			return false;
		}
		return started == null || p.get().info().startInstant().map(i -> i.toString().equals(started)).orElse(true);
	}

	// ---- reading ------------------------------------------------------------------------------------------

	private static final String RUN_COLUMNS = """
			id, prompt, inputs, status, exit_code, stack, template_id, template_version, template_bundle,
			template_bundle_version, model_provider, model, seed, cairn_version, home, workspace, run_dir, started_at,
			ended_at, error""";

	@FunctionalInterface
	private interface Row<T> {
		T map(ResultSet rs) throws SQLException;
	}

	private <T> List<T> query(String sql, Row<T> row, Object... values) {
		lock.lock();
		try (PreparedStatement ps = connection.prepareStatement(sql)) {
			set(ps, values);
			List<T> out = new ArrayList<>();
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					out.add(row.map(rs));
				}
			}
			return out;
		} catch (SQLException e) {
			throw new CairnException(ExitCode.INTERNAL, "run ledger " + file + ": " + e.getMessage(), e);
		} finally {
			lock.unlock();
		}
	}

	private static Instant instant(String s) {
		return s == null ? null : Instant.parse(s);
	}

	private static Integer integer(ResultSet rs, String column) throws SQLException {
		int v = rs.getInt(column);
		return rs.wasNull() ? null : v;
	}

	private static <T> T parse(String json, TypeReference<T> type) {
		try {
			return JSON.readValue(json, type);
		} catch (JsonProcessingException e) {
			throw new IllegalStateException("corrupt JSON column: " + e.getOriginalMessage(), e);
		}
	}

	private static RunRecord run(ResultSet rs) throws SQLException {
		String templateId = rs.getString("template_id");
		PluginRef template = templateId == null ? null
				: new PluginRef(templateId, rs.getString("template_version"), rs.getString("template_bundle"),
						rs.getString("template_bundle_version"));
		return new RunRecord(rs.getString("id"), rs.getString("prompt"), parse(rs.getString("inputs"), STRINGS),
				rs.getString("status"), integer(rs, "exit_code"), rs.getString("stack"), template,
				rs.getString("model_provider"), rs.getString("model"), rs.getLong("seed"), rs.getString("cairn_version"),
				rs.getString("home"), rs.getString("workspace"), rs.getString("run_dir"),
				instant(rs.getString("started_at")), instant(rs.getString("ended_at")), rs.getString("error"));
	}

	@Override
	public Optional<Map<String, Object>> eventFields(String runId, String name) {
		return query("SELECT fields FROM events WHERE run_id = ? AND name = ? ORDER BY id LIMIT 1",
				rs -> parse(rs.getString("fields"), new TypeReference<Map<String, Object>>() {
				}), runId, name).stream().findFirst();
	}

	@Override
	public Optional<RunRecord> run(String runId) {
		return query("SELECT " + RUN_COLUMNS + " FROM runs WHERE id = ?", SqliteLedger::run, runId).stream().findFirst();
	}

	@Override
	public List<RunRecord> runs(RunQuery q) {
		StringBuilder sql = new StringBuilder("SELECT " + RUN_COLUMNS + " FROM runs WHERE 1 = 1");
		List<Object> args = new ArrayList<>();
		if (q.status() != null) {
			sql.append(" AND status = ?");
			args.add(q.status());
		}
		if (q.stack() != null) {
			sql.append(" AND stack = ?");
			args.add(q.stack());
		}
		sql.append(" ORDER BY id DESC LIMIT ?");
		args.add(q.limit());
		return query(sql.toString(), SqliteLedger::run, args.toArray());
	}

	@Override
	public Optional<RunDetails> details(String runId) {
		Optional<RunRecord> run = run(runId);
		if (run.isEmpty()) {
			return Optional.empty();
		}
		List<StepRecord> steps = query("SELECT * FROM steps WHERE run_id = ? ORDER BY seq", rs -> new StepRecord(
				rs.getString("run_id"), rs.getInt("seq"), rs.getString("role"),
				rs.getString("agent_id") == null ? null
						: new PluginRef(rs.getString("agent_id"), rs.getString("agent_version"),
								rs.getString("agent_bundle"), rs.getString("agent_bundle_version")),
				rs.getString("status"), rs.getInt("attempt"), instant(rs.getString("started_at")),
				instant(rs.getString("ended_at")), rs.getString("error"), rs.getString("retry_reason")), runId);
		List<TestCaseRecord> tests = query("SELECT * FROM test_cases WHERE run_id = ? ORDER BY id",
				rs -> new TestCaseRecord(rs.getString("run_id"), rs.getString("suite"), rs.getString("name"),
						rs.getString("status"), rs.getLong("duration_ms"), rs.getString("message")),
				runId);
		List<ArtifactRecord> artifacts = query("SELECT * FROM artifacts WHERE run_id = ? ORDER BY path",
				rs -> new ArtifactRecord(rs.getString("run_id"), rs.getString("path"), rs.getLong("size"),
						rs.getString("sha256"), rs.getInt("step_seq"), rs.getString("origin"), rs.getString("licence"),
						rs.getString("source_url")),
				runId);
		List<GuardDecisionRecord> decisions = query("SELECT * FROM guard_decisions WHERE run_id = ? ORDER BY id",
				rs -> new GuardDecisionRecord(rs.getString("run_id"), rs.getInt("step_seq"),
						rs.getString("subject_kind"), rs.getString("subject"), rs.getString("policy"),
						rs.getString("policy_version"), rs.getString("verdict"), rs.getString("reason"),
						instant(rs.getString("decided_at"))),
				runId);
		List<ModelCallRecord> calls = query("SELECT * FROM model_calls WHERE run_id = ? ORDER BY id",
				rs -> new ModelCallRecord(rs.getString("run_id"), rs.getInt("step_seq"), rs.getString("provider"),
						rs.getString("model"), rs.getString("request"), rs.getString("response"),
						rs.getLong("input_tokens"), rs.getLong("output_tokens"), rs.getLong("latency_ms"),
						rs.getString("status"), rs.getInt("retries"), instant(rs.getString("started_at"))),
				runId);
		List<DependencyRecord> deps = query("SELECT * FROM dependencies WHERE run_id = ? ORDER BY name",
				rs -> new DependencyRecord(rs.getString("run_id"), rs.getString("name"), rs.getString("version"),
						rs.getString("purl"), rs.getString("licence")),
				runId);
		Optional<EnvironmentRecord> env = query("SELECT * FROM environments WHERE run_id = ?",
				rs -> new EnvironmentRecord(rs.getString("run_id"), rs.getString("os"), rs.getString("java"),
						rs.getString("python"), rs.getString("node"), parse(rs.getString("tools"), STRING_MAP),
						parse(rs.getString("env_names"), STRINGS), rs.getString("package_index"),
						rs.getString("isolation"), rs.getString("snapshot_ref"), instant(rs.getString("captured_at"))),
				runId).stream().findFirst();
		List<ProcessRecord> processes = query("SELECT * FROM processes WHERE run_id = ? ORDER BY id",
				rs -> new ProcessRecord(rs.getString("run_id"), rs.getInt("step_seq"), rs.getString("name"),
						rs.getString("command"), rs.getInt("exit_code"), rs.getInt("timed_out") != 0,
						rs.getLong("wall_ms"), rs.getLong("cpu_ms"), rs.getLong("peak_rss"), rs.getString("isolation"),
						instant(rs.getString("started_at"))),
				runId);
		long events = query("SELECT count(*) FROM events WHERE run_id = ?", rs -> rs.getLong(1), runId).get(0);
		long spans = query("SELECT count(*) FROM spans WHERE run_id = ?", rs -> rs.getLong(1), runId).get(0);
		return Optional.of(new RunDetails(run.get(), steps, tests, artifacts, decisions, calls, deps, env, processes, events, spans));
	}

	/** Runs {@code PRAGMA integrity_check}; "ok" when the file is sound. */
	String integrityCheck() {
		return query("PRAGMA integrity_check", rs -> rs.getString(1)).get(0);
	}

	String pragma(String name) {
		return query("PRAGMA " + name, rs -> rs.getString(1)).get(0);
	}

	/** Statement access for tests. */
	Statement statement() throws SQLException {
		return connection.createStatement();
	}

	/** Opens a connection with no pragmas: reading the header must not change the file. */
	static final class ReadOnly {
		private ReadOnly() {
		}

		static Connection connect(Path file) throws SQLException {
			// org.sqlite.JDBC directly: DriverManager cannot see drivers across OSGi class loaders
			SQLiteConfig readOnly = new SQLiteConfig();
			readOnly.setReadOnly(true);
			return readOnly.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
		}
	}
}
