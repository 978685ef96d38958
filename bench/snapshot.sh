#!/usr/bin/env bash
# Snapshot benchmark: snapshot and rollback of a 10,000-file, 100 MB workspace and snapshot of a typical generated
# project, with the JGit shadow repository on a temporary folder. Optional argument: rounds (default 3).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
run_benchmark dev.cairn.workspace.git dev.cairn.workspace.git.internal.SnapshotBenchmark bundles/dev.cairn.api,bundles/dev.cairn.workspace.git "$@"
