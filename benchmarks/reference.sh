#!/bin/bash
# The reference figures of benchmarks/README.md: every configuration run RUNS times (default 3),
# each run a separate process, and the median printed. Usage:
#   benchmarks/reference.sh [BUILD_DIR] [RUNS]
# Run on an otherwise idle machine; it takes about 15 minutes on the project's 2-core machine.
set -euo pipefail
build=${1:-build/release}
runs=${2:-3}
bench="$build/benchmarks/bench_model"
here=$(cd "$(dirname "$0")/.." && pwd)

# median SECONDS of `bench_model ARGS...`, and its agent-months
measure() {
  local label=$1
  shift
  local rows=()
  for ((i = 0; i < runs; i++)); do
    rows+=("$("$bench" "$@" | tail -1)")
  done
  printf '%s\n' "${rows[@]}" | /usr/bin/python3 -c '
import sys, statistics
label = sys.argv[1]
rows = [line.split() for line in sys.stdin if line.strip()]
seconds = [float(r[1]) for r in rows]
am = float(rows[0][2])
med = statistics.median(seconds)
print(f"| {label} | {rows[0][0]} | {med:.2f} ({min(seconds):.2f}-{max(seconds):.2f}) | {am:,.0f} | {am/med:.2e} | {rows[0][4]} |")
' "$label"
}

echo "| configuration | threads | seconds: median (range) | agent-months | agent-months/s | peak RSS MiB |"
echo "|---|---:|---:|---:|---:|---:|"
for t in 1 2; do
  measure "large.json" "$here/benchmarks/large.json" --threads $t
done
for t in 1 2; do
  measure "rural baseline, 100 replicates" "$here/scenarios/baseline.json" --threads $t --set /replicates=100
done
measure "planning-flanders.json (100 replicates)" "$here/benchmarks/planning-flanders.json" --threads 2
for clients in 10000 100000 1000000; do
  apps=$((clients / 40))
  measure "rural baseline scaled to $clients clients, 1 replicate" "$here/scenarios/baseline.json" \
    --threads 2 --set /replicates=1 --set /regions/0/initial_clients=$clients \
    --set /regions/0/ordinary_applications_per_month=$apps \
    --set /regions/0/caseworker_fte=$((clients / 100)) \
    --set /regions/0/caseworker_budget_fte=$((clients / 80))
done
