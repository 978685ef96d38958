-- V2: model calls (for offline replay), the generated project's SBOM, the event stream and trace spans.
CREATE TABLE model_calls (
  id            INTEGER PRIMARY KEY,
  run_id        TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  step_seq      INTEGER,
  provider      TEXT NOT NULL,
  model         TEXT,
  request       TEXT,                        -- redacted
  response      TEXT,                        -- redacted
  input_tokens  INTEGER NOT NULL DEFAULT 0,
  output_tokens INTEGER NOT NULL DEFAULT 0,
  latency_ms    INTEGER NOT NULL DEFAULT 0,
  status        TEXT NOT NULL,
  retries       INTEGER NOT NULL DEFAULT 0,
  started_at    TEXT NOT NULL
);
CREATE INDEX model_calls_by_run ON model_calls (run_id);

CREATE TABLE dependencies (
  run_id  TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  name    TEXT NOT NULL,
  version TEXT,
  purl    TEXT,
  licence TEXT,
  PRIMARY KEY (run_id, name)
);

CREATE TABLE events (
  id     INTEGER PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  at     TEXT NOT NULL,
  level  TEXT NOT NULL,
  name   TEXT NOT NULL,
  fields TEXT NOT NULL DEFAULT '{}'           -- JSON, redacted
);
CREATE INDEX events_by_run ON events (run_id, id);

CREATE TABLE spans (
  span_id    TEXT PRIMARY KEY,
  trace_id   TEXT NOT NULL,
  parent_id  TEXT,
  run_id     TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  type       TEXT NOT NULL CHECK (type IN ('agent', 'generation', 'function', 'guardrail', 'custom')),
  name       TEXT NOT NULL,
  started_at TEXT NOT NULL,
  ended_at   TEXT,
  attributes TEXT NOT NULL DEFAULT '{}'       -- JSON, redacted
);
CREATE INDEX spans_by_run ON spans (run_id);
