#!/usr/bin/env bash
# Guard benchmark: cost of the licence check and the secret redaction per typical file, and their throughput in
# MB/s over 20 MB of text. Runs the two guard implementations directly (no framework).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module="$root/bundles/dev.cairn.guard.policies"
cd "$root"
mvn -B -q -o install -DskipTests -pl bundles/dev.cairn.api,bundles/dev.cairn.guard.secrets,bundles/dev.cairn.guard.policies 2>/dev/null \
  || mvn -B -q install -DskipTests -pl bundles/dev.cairn.api,bundles/dev.cairn.guard.secrets,bundles/dev.cairn.guard.policies
mvn -B -q -o test-compile -pl bundles/dev.cairn.guard.policies 2>/dev/null || mvn -B -q test-compile -pl bundles/dev.cairn.guard.policies
cp_file="$(mktemp)"
mvn -B -q dependency:build-classpath -pl bundles/dev.cairn.guard.policies -Dmdep.outputFile="$cp_file" >/dev/null
exec java -cp "$module/target/test-classes:$module/target/classes:$(cat "$cp_file")" \
  dev.cairn.guard.policies.internal.GuardBenchmark
