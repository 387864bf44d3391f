#!/usr/bin/env bash
# Sweep throughput on this machine: 64 points of scenarios/chronic-pain.yaml (8 learning rates x 8 seeds)
#   A: one `sweep --jobs 1`     B: one `sweep --jobs 2`     C: 64 separate `run` processes, one after another
# Prints wall times and the ratios C/A (start-up and JIT cost that in-process points avoid) and A/B (parallel speed-up).
# The host is shared (±30 % run to run): compare the ratios of one invocation, and rerun before trusting a change.
# Usage: bash benchmarks/sweep-throughput.sh [WORKDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-$(mktemp -d)}
dotnet build src/Neurotag.Cli -c Release -v q -nologo >/dev/null
cli=(dotnet src/Neurotag.Cli/bin/Release/net10.0/neurotag-cli.dll)
rates=0.001,0.002,0.003,0.004,0.005,0.006,0.007,0.008
grid=(--grid "projections.cue-to-pain.plasticity.rate=$rates" --seeds 8)

now() { date +%s.%N; }
t0=$(now); "${cli[@]}" sweep scenarios/chronic-pain.yaml --out "$work/jobs1" "${grid[@]}" --jobs 1 --quiet >/dev/null; t1=$(now)
"${cli[@]}" sweep scenarios/chronic-pain.yaml --out "$work/jobs2" "${grid[@]}" --jobs 2 --quiet >/dev/null; t2=$(now)
for rate in ${rates//,/ }; do
  for seed in $(seq 42 49); do
    "${cli[@]}" run scenarios/chronic-pain.yaml --out "$work/runs/$rate-$seed" --seed "$seed" \
      --set "projections.cue-to-pain.plasticity.rate=$rate" --quiet >/dev/null
  done
done
t3=$(now)
cmp "$work/jobs1/summary.csv" "$work/jobs2/summary.csv" && echo "jobs 1 and jobs 2 summaries: byte-identical"
awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" 'BEGIN {
  A = b - a; B = c - b; C = d - c;
  printf "A sweep --jobs 1:      %6.1f s (%.2f s/point)\n", A, A / 64;
  printf "B sweep --jobs 2:      %6.1f s (%.2f s/point)\n", B, B / 64;
  printf "C 64 separate runs:    %6.1f s (%.2f s/point)\n", C, C / 64;
  printf "C/A (in-process gain): %.2fx\nA/B (jobs 2 speed-up): %.2fx\n", C / A, A / B }'
