-- V3: the workspace snapshots that bracket a run, for agent:rollback.
ALTER TABLE runs ADD COLUMN snapshot_before TEXT;
ALTER TABLE runs ADD COLUMN snapshot_after TEXT;
