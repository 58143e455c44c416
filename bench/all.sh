#!/usr/bin/env bash
# npm run bench: every benchmark in turn, full output in a log, then one line per figure.
# Each figure is a ratio against a baseline measured in the same run (see each script's header).
set -uo pipefail
cd "$(dirname "$0")/.."
log="${BENCH_LOG:-$(mktemp -t klike-bench-XXXX.log)}"
: > "$log"
status=0
run() {
  echo "== $*" | tee -a "$log"
  "$@" >> "$log" 2>&1 || { echo "   failed (exit $?), see $log"; status=1; }
}
run npx tsx bench/reads.ts
run npx tsx bench/pipeline-latency.ts
BENCH_SUBS="${BENCH_SUBS:-10000}" run npx tsx bench/delivery-latency.ts
run npx tsx bench/many-videos.ts
run npx tsx bench/media.ts
echo
echo "figures (full output: $log):"
grep -E '^FIGURE|ratio|summary|subs=|median' "$log" | grep -vE '^\s*$' | sed 's/^/  /'
exit $status
