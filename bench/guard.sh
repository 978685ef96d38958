#!/usr/bin/env bash
# Guard benchmark: cost of the licence check and the secret redaction per typical file, and their throughput in
# MB/s over 20 MB of text. Runs the two guard implementations directly (no framework).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
run_benchmark dev.cairn.guard.policies dev.cairn.guard.policies.internal.GuardBenchmark bundles/dev.cairn.api,bundles/dev.cairn.guard.secrets,bundles/dev.cairn.guard.policies "$@"
