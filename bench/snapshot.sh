#!/usr/bin/env bash
# Snapshot benchmark: snapshot and rollback of a 10,000-file, 100 MB workspace and snapshot of a typical generated
# project, with the JGit shadow repository on a temporary folder. Optional argument: rounds (default 3).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module="$root/bundles/dev.cairn.workspace.git"
cd "$root"
mvn -B -q -o install -DskipTests -pl bundles/dev.cairn.api,bundles/dev.cairn.workspace.git 2>/dev/null \
  || mvn -B -q install -DskipTests -pl bundles/dev.cairn.api,bundles/dev.cairn.workspace.git
mvn -B -q -o test-compile -pl bundles/dev.cairn.workspace.git 2>/dev/null || mvn -B -q test-compile -pl bundles/dev.cairn.workspace.git
cp_file="$(mktemp)"
mvn -B -q dependency:build-classpath -pl bundles/dev.cairn.workspace.git -Dmdep.outputFile="$cp_file" >/dev/null
exec java -cp "$module/target/test-classes:$module/target/classes:$(cat "$cp_file")" \
  dev.cairn.workspace.git.internal.SnapshotBenchmark "$@"
