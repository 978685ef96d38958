#!/usr/bin/env bash
# Model-call overhead: what the OpenAI provider adds to a call on top of the HTTP round trip, measured against the
# loopback Responses API server (JSON and streamed), and what the ledger adds per call (call record + span).
#   bench/model.sh [rounds]      (default 200)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
run_benchmark dev.cairn.model.openai dev.cairn.model.openai.internal.ModelCallBenchmark bundles/dev.cairn.api "$@"
run_benchmark dev.cairn.store.sqlite dev.cairn.store.sqlite.internal.LedgerBenchmark bundles/dev.cairn.api,bundles/dev.cairn.store.sqlite \
  | grep 'model call record'
