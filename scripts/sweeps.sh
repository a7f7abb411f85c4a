#!/usr/bin/env bash
# Reruns a shipped sweep plan and refreshes its committed summary under reports/sweeps/NAME/:
#   scripts/sweeps.sh NAME [REPLICATES] [SCALE]      (WORKERS=N for N worker threads, default 2)
# NAME is a plan in scenarios/sweeps/ (identifiers, engagement, threshold, crn). The sweep
# folder goes to sweeps/NAME (replaced); summary.csv, sweep.json and the generated report.md
# (bias and coverage per knob) are copied into reports/sweeps/NAME/. The hand-written answer
# in reports/sweeps/NAME/summary.md is left alone: reread it against the new figures.
# `crn` runs its plan twice, with common random numbers and with independent seeds
# (--crn off, to sweeps/crn-independent), and draws the Monte Carlo SE figure from the two.
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: scripts/sweeps.sh NAME [REPLICATES] [SCALE]}"
plan="scenarios/sweeps/${name}.yaml"
[ -f "$plan" ] || { echo "scripts/sweeps.sh: no plan $plan" >&2; exit 2; }
args=(--plan "$plan" --force --workers "${WORKERS:-2}")
[ -n "${2:-}" ] && args+=(--replicates "$2")
[ -n "${3:-}" ] && args+=(--scale "$3")
pathways() { node --max-semi-space-size=64 cli/bin.js "$@"; }
report="reports/sweeps/${name}"
mkdir -p "$report"
pathways sweep "${args[@]}" --out "sweeps/${name}"
pathways report --sweep "sweeps/${name}" --out "sweeps/${name}/report" --force
cp "sweeps/${name}/summary.csv" "sweeps/${name}/sweep.json" "sweeps/${name}/report/report.md" "$report/"
if [ "$name" = crn ]; then
  pathways sweep "${args[@]}" --crn off --out "sweeps/crn-independent"
  cp "sweeps/crn-independent/summary.csv" "$report/summary-independent.csv"
  node --import tsx scripts/crn-figure.ts sweeps/crn sweeps/crn-independent "$report"
fi
echo "scripts/sweeps.sh: ${name} -> ${report}"
