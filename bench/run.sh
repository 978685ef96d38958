#!/usr/bin/env bash
# Run benchmark: `./agent run` of the FastAPI scenario end to end, offline (N runs, default 3), printing wall time,
# the pipeline's own duration, time inside subprocesses (venv, pip, pytest: from the log's process.finished events)
# and what is left: Cairn's overhead, inside the run and for the whole process (JVM and Felix start included).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
export CAIRN_HOME="$(mktemp -d)"
"$root/agent" version >/dev/null   # build if needed, warm the class-data archive
for ((i = 1; i <= runs; i++)); do
  start=$(date +%s%N)
  json=$("$root/agent" run --json "A FastAPI CRUD service for books with title, author and year" 2>/dev/null)
  end=$(date +%s%N)
  python3 - "$json" "$(( (end - start) / 1000000 ))" "$CAIRN_HOME/logs/cairn.log" <<'PY'
import json, sys
outcome = json.loads(sys.argv[1]); wall = int(sys.argv[2]); log = sys.argv[3]
run = outcome["run_id"]
sub = 0; parts = {}
for line in open(log):
    e = json.loads(line)
    if e.get("event") == "process.finished" and run in e.get("fields", {}).get("output", ""):
        ms = e["fields"]["wall_ms"]; sub += ms
        name = e["fields"]["output"].rsplit("/", 1)[-1]; parts[name] = parts.get(name, 0) + ms
steps = ", ".join(f"{s['role']} {s['duration_ms']} ms" for s in outcome["steps"])
print(f"run {run}: {outcome['status']}, wall {wall} ms, pipeline {outcome['duration_ms']} ms, "
      f"subprocesses {sub} ms ({', '.join(f'{k} {v}' for k, v in parts.items())})")
print(f"  steps: {steps}")
print(f"  Cairn overhead: {outcome['duration_ms'] - sub} ms inside the run, {wall - sub} ms for the whole process")
PY
done
