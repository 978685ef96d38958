-- V4: every subprocess of a run with the resources it used; a run's usage is their sum.
CREATE TABLE processes (
  id         INTEGER PRIMARY KEY,
  run_id     TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  step_seq   INTEGER,
  name       TEXT NOT NULL,
  command    TEXT NOT NULL,
  exit_code  INTEGER NOT NULL,
  timed_out  INTEGER NOT NULL,
  wall_ms    INTEGER NOT NULL,
  cpu_ms     INTEGER NOT NULL,
  peak_rss   INTEGER NOT NULL,
  isolation  TEXT NOT NULL,
  started_at TEXT NOT NULL
);
CREATE INDEX processes_run ON processes(run_id);
