#!/usr/bin/env bash
# Runs the COBA benchmark scenarios end to end and prints, per workload: wall time of the run (manifest), the
# time outside the loop (wall minus the manifest's simulate_seconds: start-up, parsing, network build, CSV flush),
# the loop time (simulate_seconds), spikes, synaptic events per second of loop time, and peak memory
# (/usr/bin/time -v). Not part of the test suite.
#
#   benchmarks/spiking-scenarios.sh            # from the repository root
#
# Spikes = mean population rate (summary.csv) × N × T; events = spikes × p·N (the mean out-degree).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/Neurotag.Cli -c Release -v quiet -nologo >/dev/null
cli=(dotnet src/Neurotag.Cli/bin/Release/net10.0/neurotag-cli.dll)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# variant SOURCE DURATION OUT: the scenario with the run phase set to DURATION and without expectations.
variant() {
  sed -E -e "s/duration: (1|10) s/duration: $2/" -e '/^expect:/,$d' "$1" > "$3"
}

# run_one YAML OUTDIR -> prints "wall peak_kb mean_rate loop"
run_one() {
  /usr/bin/time -v "${cli[@]}" run "$1" --out "$2" --force --quiet 2> "$2.time" >/dev/null
  local wall peak rate loop
  wall=$(grep -o '"wall_time_seconds": [0-9.]*' "$2/manifest.json" | awk '{print $2}')
  loop=$(grep -o '"simulate_seconds": [0-9.]*' "$2/manifest.json" | awk '{print $2}')
  peak=$(grep 'Maximum resident' "$2.time" | awk '{print $NF}')
  rate=$(grep ',population,neurons,rate,' "$2/summary.csv" | cut -d, -f8) # phase,rep,instance,kind,name,metric,other,value,unit
  echo "$wall $peak $rate $loop"
}

printf '%-24s %8s %8s %8s %12s %14s %10s %8s\n' workload wall_s setup_s loop_s spikes events/s peak_MiB rate_Hz
for spec in "scenarios/coba-benchmark.yaml 4000 1" "scenarios/coba-benchmark.yaml 4000 10" \
            "scenarios/coba-stdp.yaml 4000 1" "scenarios/coba-stdp.yaml 4000 10" \
            "scenarios/coba-benchmark-20k.yaml 20000 1" "scenarios/coba-benchmark-20k.yaml 20000 10"; do
  read -r file n seconds <<< "$spec"
  [ -f "$file" ] || file="benchmarks/$file"
  variant "$file" "$seconds s" "$work/run.yaml"
  read -r wall peak rate loop <<< "$(run_one "$work/run.yaml" "$work/run")"
  label="coba $n"; [[ $file == *stdp* ]] && label="coba+stdp $n"
  awk -v name="$label, $seconds s" -v wall="$wall" -v loop="$loop" -v rate="$rate" -v n="$n" -v t="$seconds" -v peak="$peak" 'BEGIN {
    setup = wall - loop; if (loop <= 0) loop = 1e-9
    spikes = rate * n * t; events = spikes * 0.02 * n
    printf "%-24s %8.3f %8.3f %8.3f %12.0f %14.3e %10.1f %8.2f\n", name, wall, setup, loop, spikes, events / loop, peak / 1024, rate
  }'
done
