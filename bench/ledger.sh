#!/usr/bin/env bash
# Ledger benchmark: event ingest rate, agent:runs over 10,000 runs, agent:show of a run with 1,000 artifacts, and
# ledger size per typical run. Runs the SQLite backend directly on a temporary file (real SQLite, WAL).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
run_benchmark dev.cairn.store.sqlite dev.cairn.store.sqlite.internal.LedgerBenchmark bundles/dev.cairn.api,bundles/dev.cairn.store.sqlite "$@"
