#!/usr/bin/env bash
# Times `neurotag-cli plot` on a 10 s COBA run with every spike recorded (benchmarks/scenarios/coba-10s-spikes.yaml,
# about 900 000 spikes): wall time, CPU time (user + sys) and peak memory of the whole command, for PNG and SVG.
# The issue's bar: at most 3 s and 500 MB. Not part of the test suite (no timed tests).
#
#   benchmarks/plot-coba.sh            # from the repository root; REPEATS=5 for more runs (the minimum is reported)
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${REPEATS:-3}
dotnet build src/Neurotag.Cli -c Release -v quiet -nologo >/dev/null
cli=(dotnet src/Neurotag.Cli/bin/Release/net10.0/neurotag-cli.dll)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"${cli[@]}" run benchmarks/scenarios/coba-10s-spikes.yaml --out "$work/run" --quiet >/dev/null
spikes=$(($(wc -l < "$work/run/spikes.csv") - 1))
echo "run folder: $spikes spikes in spikes.csv ($(du -m "$work/run/spikes.csv" | cut -f1) MB)"

printf '%-6s %8s %8s %9s\n' format wall_s cpu_s peak_MiB
for format in png svg; do
  best_wall=999 best_cpu=999 peak=0
  for _ in $(seq "$repeats"); do
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "${cli[@]}" plot "$work/run" --format "$format" --out "$work/fig-$format" >/dev/null 2>&1
    read -r wall user sys kb < "$work/time"
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
    best_wall=$(awk -v a="$wall" -v b="$best_wall" 'BEGIN { print (a < b ? a : b) }')
    best_cpu=$(awk -v a="$cpu" -v b="$best_cpu" 'BEGIN { print (a < b ? a : b) }')
    [ "$kb" -gt "$peak" ] && peak=$kb
  done
  printf '%-6s %8.2f %8.2f %9.0f\n' "$format" "$best_wall" "$best_cpu" "$((peak / 1024))"
done
