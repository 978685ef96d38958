-- V1: runs, their steps, the files they wrote, guard decisions, test cases and environments.
CREATE TABLE runs (
  id               TEXT PRIMARY KEY,          -- ULID: sorts by start time
  prompt           TEXT NOT NULL,             -- redacted
  inputs           TEXT NOT NULL DEFAULT '[]',-- JSON array of paths
  status           TEXT NOT NULL,
  exit_code        INTEGER,
  stack            TEXT,
  template_id      TEXT,
  template_version TEXT,
  template_bundle  TEXT,
  template_bundle_version TEXT,
  model_provider   TEXT,
  model            TEXT,
  seed             INTEGER NOT NULL,
  cairn_version    TEXT,
  home             TEXT,
  workspace        TEXT,
  run_dir          TEXT,
  started_at       TEXT NOT NULL,             -- ISO-8601 UTC
  ended_at         TEXT,
  duration_ms      INTEGER,
  error            TEXT,
  owner_pid        INTEGER,                   -- the process running it: a dead owner means interrupted
  owner_started    TEXT
);
CREATE INDEX runs_by_status ON runs (status, id);
CREATE INDEX runs_by_stack ON runs (stack, id);

CREATE TABLE steps (
  run_id        TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  seq           INTEGER NOT NULL,
  role          TEXT NOT NULL,
  agent_id      TEXT,
  agent_version TEXT,
  agent_bundle  TEXT,
  agent_bundle_version TEXT,
  status        TEXT NOT NULL,
  attempt       INTEGER NOT NULL DEFAULT 1,
  started_at    TEXT,
  ended_at      TEXT,
  error         TEXT,
  retry_reason  TEXT,
  PRIMARY KEY (run_id, seq)
);

CREATE TABLE artifacts (
  run_id     TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  path       TEXT NOT NULL,
  size       INTEGER NOT NULL,
  sha256     TEXT NOT NULL,
  step_seq   INTEGER,
  origin     TEXT NOT NULL CHECK (origin IN ('template', 'model', 'tool')),
  licence    TEXT,
  source_url TEXT,
  PRIMARY KEY (run_id, path)
);

CREATE TABLE guard_decisions (
  id             INTEGER PRIMARY KEY,
  run_id         TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  step_seq       INTEGER,
  subject_kind   TEXT NOT NULL,
  subject        TEXT NOT NULL,
  policy         TEXT NOT NULL,
  policy_version TEXT NOT NULL,
  verdict        TEXT NOT NULL CHECK (verdict IN ('allow', 'warn', 'block')),
  reason         TEXT,
  decided_at     TEXT NOT NULL
);
CREATE INDEX guard_decisions_by_run ON guard_decisions (run_id);

CREATE TABLE test_cases (
  id          INTEGER PRIMARY KEY,
  run_id      TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  suite       TEXT NOT NULL,
  name        TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('passed', 'failed', 'error', 'skipped')),
  duration_ms INTEGER NOT NULL,
  message     TEXT
);
CREATE INDEX test_cases_by_run ON test_cases (run_id);

CREATE TABLE environments (
  run_id        TEXT PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
  os            TEXT,
  java          TEXT,
  python        TEXT,
  node          TEXT,
  tools         TEXT NOT NULL DEFAULT '{}',  -- JSON object name -> path/version
  env_names     TEXT NOT NULL DEFAULT '[]',  -- JSON array of variable names, never values
  package_index TEXT,
  isolation     TEXT,
  snapshot_ref  TEXT,
  captured_at   TEXT NOT NULL
);
