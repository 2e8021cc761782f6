#!/usr/bin/env bash
# The 2021 preset at large k: `certmin search --preset safran-yehudai-shamir-2021 --k K --n K
# --runs 20 --seed 2021` for K = 50 and 100 (or the K values given as arguments), each into
# ${LARGE_K_WORK:-work/large-k}/kK (work/ is not committed). Resumable: rerun after an interruption
# and each search continues where it stopped. Prints each summary and the wall-clock time.
# Needs the built CLI (npx tsc -p tsconfig.json). WORKERS (default: all cores) sets --workers.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${LARGE_K_WORK:-work/large-k}
ks=("$@")
[ ${#ks[@]} -gt 0 ] || ks=(50 100)
mkdir -p "$work"
for k in "${ks[@]}"; do
  TIMEFORMAT="k = n = $k: %R s wall clock, %U s user CPU, %S s system CPU (this invocation); results in $work/k$k"
  time node bin/certmin.js search --preset safran-yehudai-shamir-2021 --k "$k" --n "$k" --runs 20 --seed 2021 \
    ${WORKERS:+--workers "$WORKERS"} --out "$work/k$k"
done
