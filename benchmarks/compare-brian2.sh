#!/usr/bin/env bash
# Runs the issue #3 timing workloads in Brian2 2.5.1 (C++ standalone, one thread) and in neurotag-cli, alternately,
# and prints a table of simulation-loop times (minimum over REPEATS), their ratio and the mean rates of both tools.
# Not part of the test suite. Usage: benchmarks/compare-brian2.sh [MODEL...]   (default: coba coba-stdp coba-20k sma)
# Environment: REPEATS (default 3), WORK (scratch folder, default /tmp/neurotag-compare-brian2),
# BRIAN2_METHOD (default exponential_euler, the scheme neurotag integrates; euler for the cheaper, different scheme).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
repeats=${REPEATS:-3}
work=${WORK:-/tmp/neurotag-compare-brian2}
models=("$@")
[ ${#models[@]} -gt 0 ] || models=(coba coba-stdp coba-20k sma)
method=${BRIAN2_METHOD:-exponential_euler}
py=/usr/bin/python3   # Debian's python with python3-brian, not a pyenv python on PATH

if ! "$py" -c 'import brian2' 2>/dev/null; then
  echo "installing python3-brian (Brian2 2.5.1) ..." >&2
  apt-get install -y python3-brian >&2
fi

dotnet build "$root/src/Neurotag.Cli" -c Release -v quiet -nologo >&2
cli=(dotnet "$root/src/Neurotag.Cli/bin/Release/net10.0/neurotag-cli.dll")
mkdir -p "$work/scenarios"

# neurotag scenario of each model, 10 s of biological time (sma: 100 s, the bundled scenario as is).
"$py" - "$root" "$work/scenarios" <<'PY'
import re, sys
root, out = sys.argv[1], sys.argv[2]
coba = open(f'{root}/scenarios/coba-benchmark.yaml').read().replace('duration: 1 s', 'duration: 10 s')
open(f'{out}/coba.yaml', 'w').write(coba)
# 20 000 neurons, p = 0.02, weights scaled by 4000/N (Brian2: about 4.2 Hz): the bundled scenario at 10 s.
big = open(f'{root}/scenarios/coba-benchmark-20k.yaml').read().replace('duration: 1 s', 'duration: 10 s')
open(f'{out}/coba-20k.yaml', 'w').write(big)
open(f'{out}/coba-stdp.yaml', 'w').write(open(f'{root}/benchmarks/scenarios/coba-stdp.yaml').read())
open(f'{out}/sma.yaml', 'w').write(open(f'{root}/scenarios/stdp-competition.yaml').read())
PY

summary_value() { # FILE PHASE KIND NAME METRIC
  # summary.csv: phase,rep,instance,kind,name,metric,other,value,unit
  awk -F, -v p="$2" -v k="$3" -v n="$4" -v m="$5" '$1==p && $4==k && $5==n && $6==m {printf "%.2f", $8}' "$1"
}

printf '%-10s %12s %12s %8s   %-28s %s\n' model brian2_s neurotag_s ratio brian2_rate_hz neurotag_rate_hz
for model in "${models[@]}"; do
  dir="$work/brian2-$model-$method"
  # Code generation and compilation happen here, once; the line printed has the Brian2 rates.
  b2_line=$("$py" "$root/benchmarks/brian2/models.py" "$model" "$dir" --method "$method" 2>/dev/null | grep '^loop_s=')
  b2_best=$(sed -E 's/^loop_s=([0-9.]+).*/\1/' <<<"$b2_line")
  nt_best=""
  for ((r = 0; r < repeats; r++)); do
    (cd "$dir" && ./main >/dev/null)
    b2=$(cut -d' ' -f1 "$dir/results/last_run_info.txt")
    "${cli[@]}" run "$work/scenarios/$model.yaml" --out "$work/neurotag-$model" --force --quiet >/dev/null
    # simulate_seconds: neurotag's loop alone (no parsing, network build or CSV flush), like Brian2's loop time.
    nt=$(sed -nE 's/.*"simulate_seconds": ([0-9.]+).*/\1/p' "$work/neurotag-$model/manifest.json")
    b2_best=$(awk -v a="$b2_best" -v b="$b2" 'BEGIN {print (b < a ? b : a)}')
    nt_best=$(awk -v a="${nt_best:-1e9}" -v b="$nt" 'BEGIN {print (b < a ? b : a)}')
  done
  summary="$work/neurotag-$model/summary.csv"
  if [ "$model" = sma ]; then
    b2_rate=$(sed -E 's/.*first10_hz=([0-9.]+) last10_hz=([0-9.]+).*/first 10 s \1, last \2/' <<<"$b2_line")
    nt_rate="first 10 s $(summary_value "$summary" first population neuron rate), last $(summary_value "$summary" last population neuron rate)"
  else
    b2_rate="exc $(sed -E 's/.* rate_hz=([0-9.]+).*/\1/' <<<"$b2_line")"
    nt_rate="exc $(summary_value "$summary" run tag exc activation)"
  fi
  ratio=$(awk -v a="$b2_best" -v b="$nt_best" 'BEGIN {printf "%.2f", a / b}')
  printf '%-10s %12.3f %12.3f %8s   %-28s %s\n' "$model" "$b2_best" "$nt_best" "${ratio}x" "$b2_rate" "$nt_rate"
done
echo "brian2_s: Brian2's own loop time (results/last_run_info.txt), compile excluded; neurotag_s: manifest simulate_seconds" \
     "(the loop alone, recording included; network build and CSV flush excluded); Brian2 method $method; ratio = brian2_s / neurotag_s (above 1: neurotag faster); minimum of $repeats alternating runs." >&2
