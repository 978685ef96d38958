#!/usr/bin/env bash
# Startup benchmark: `./agent version` as a whole process (median of N runs after a warm-up run), and the idle
# resident memory of the interactive `./agent` shell at its prompt (inside a pseudo-terminal).
#   bench/startup.sh [runs]      (default 9)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-9}"
export CAIRN_HOME="${CAIRN_HOME:-$(mktemp -d)}"

"$root/agent" version >/dev/null   # builds if needed, writes the class-data archive
"$root/agent" version >/dev/null   # warm-up

times=()
for ((i = 0; i < runs; i++)); do
  start=$(date +%s%N)
  "$root/agent" version >/dev/null
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
median=${sorted[$((runs / 2))]}
echo "agent version: median ${median} ms over ${runs} runs (min ${sorted[0]} ms, max ${sorted[$((runs - 1))]} ms)"

# Idle RSS: start the JLine shell in a real pseudo-terminal (tmux), let it settle at the prompt, then read VmRSS
# and the CPU it uses over 3 s of idling.
if ! command -v tmux >/dev/null 2>&1; then
  echo "agent shell idle: skipped (needs tmux: apt-get install tmux)"
  exit 0
fi
session="cairn-bench-$$"
tmux new-session -d -s "$session" -x 120 -y 40 "CAIRN_HOME='$CAIRN_HOME' '$root/agent'"
trap 'tmux kill-session -t "$session" 2>/dev/null || true' EXIT
sleep 6
pid=$(pgrep -f "java.*cairn-shell" | head -1 || true)
if [[ -z "$pid" ]]; then
  echo "agent shell idle: could not find the shell process" >&2
  exit 1
fi
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
t1=$(ticks); sleep 3; t2=$(ticks)
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
hz=$(getconf CLK_TCK)
echo "agent shell idle: RSS $((rss_kb / 1024)) MB, CPU $(( (t2 - t1) * 100 / hz / 3 ))% over 3 s at the prompt"
