#!/usr/bin/env bash
# Ledger benchmark: event ingest rate, agent:runs over 10,000 runs, agent:show of a run with 1,000 artifacts, and
# ledger size per typical run. Runs the SQLite backend directly on a temporary file (real SQLite, WAL).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module="$root/bundles/dev.cairn.store.sqlite"
cd "$root"
mvn -B -q -o install -DskipTests -pl bundles/dev.cairn.api,bundles/dev.cairn.store.sqlite 2>/dev/null \
  || mvn -B -q install -DskipTests -pl bundles/dev.cairn.api,bundles/dev.cairn.store.sqlite
mvn -B -q -o test-compile -pl bundles/dev.cairn.store.sqlite 2>/dev/null || mvn -B -q test-compile -pl bundles/dev.cairn.store.sqlite
cp_file="$(mktemp)"
mvn -B -q dependency:build-classpath -pl bundles/dev.cairn.store.sqlite -Dmdep.outputFile="$cp_file" >/dev/null
exec java -cp "$module/target/test-classes:$module/target/classes:$(cat "$cp_file")" \
  dev.cairn.store.sqlite.internal.LedgerBenchmark
