#!/usr/bin/env bash
# Safety net for refactors that must not change a single output byte (issue #12).
#
#   benchmarks/refactor-safety-net.sh record DIR    # run every bundled scenario (and the templates) for seeds 1-3 into DIR
#   benchmarks/refactor-safety-net.sh compare A B   # cmp every CSV and the scenario.yaml of A against B; exit 1 on any difference
#
# scenario.yaml is compared without its first line (it names the tool's commit). Uses the Release build of src/Neurotag.Cli (build it first). manifest.json is not compared: it holds the wall
# clock, the command line and the tool's commit, which differ by design.
set -euo pipefail
cd "$(dirname "$0")/.."
cli=src/Neurotag.Cli/bin/Release/net10.0/neurotag-cli
seeds=(1 2 3)

case "${1:-}" in
  record)
    out=${2:?usage: record DIR}
    mkdir -p "$out"
    for scenario in scenarios/*.yaml benchmarks/scenarios/*.yaml; do
      [ -f "$scenario" ] || continue
      name=$(basename "$scenario" .yaml)
      for seed in "${seeds[@]}"; do
        "$cli" run "$scenario" --seed "$seed" --out "$out/$name-s$seed" --force --quiet >/dev/null
      done
      "$cli" describe "$scenario" > "$out/$name.describe.txt" 2>&1 || true
    done
    echo "recorded $(find "$out" -name '*.csv' | wc -l) CSV files in $out"
    ;;
  compare)
    a=${2:?usage: compare A B}; b=${3:?usage: compare A B}
    status=0; files=0
    while IFS= read -r -d '' file; do
      rel=${file#"$a"/}
      files=$((files + 1))
      if [ ! -f "$b/$rel" ]; then echo "missing in $b: $rel"; status=1; continue; fi
      if [[ $rel == *scenario.yaml ]]; then
        # Line 1 names the tool's commit, which differs by design; the rest must be identical.
        cmp -s <(tail -n +2 "$file") <(tail -n +2 "$b/$rel") || { echo "differs: $rel"; status=1; }
      else
        cmp -s "$file" "$b/$rel" || { echo "differs: $rel"; status=1; }
      fi
    done < <(find "$a" \( -name '*.csv' -o -name 'scenario.yaml' \) -print0)
    extra=$(comm -13 <(cd "$a" && find . -name '*.csv' | sort) <(cd "$b" && find . -name '*.csv' | sort))
    [ -z "$extra" ] || { echo "only in $b:"; echo "$extra"; status=1; }
    if [ "$status" = 0 ]; then echo "identical: $files files (CSV and scenario.yaml) in $a and $b"; fi
    exit "$status"
    ;;
  *) echo "usage: $0 record DIR | compare A B" >&2; exit 2 ;;
esac
