#!/usr/bin/env bash
# Full-length determinism soak: the byte-identity checks the test suite makes on shortened or single scenarios,
# here on the full bundled ones. Each scenario runs four ways — default, one processor (DOTNET_PROCESSOR_COUNT=1),
# SIMD off (DOTNET_EnableHWIntrinsic=0, the software fallback: ~36 s of CPU for chronic-pain alone), AVX-512 off —
# and every CSV must be byte-identical to the default run's. Exits 1 on the first difference.
# Usage: bash benchmarks/determinism-soak.sh [SCENARIO...]   (default: chronic-pain rewiring)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/Neurotag.Cli -c Release -v q -nologo >/dev/null
cli=(dotnet src/Neurotag.Cli/bin/Release/net10.0/neurotag-cli.dll)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] || scenarios=(chronic-pain rewiring)

for name in "${scenarios[@]}"; do
  file=scenarios/$name.yaml
  "${cli[@]}" run "$file" --out "$work/$name/default" --quiet >/dev/null
  for variant in one:DOTNET_PROCESSOR_COUNT=1 scalar:DOTNET_EnableHWIntrinsic=0 no-avx512:DOTNET_EnableAVX512=0; do
    label=${variant%%:*}
    start=$(date +%s)
    env "${variant#*:}" "${cli[@]}" run "$file" --out "$work/$name/$label" --quiet >/dev/null
    for csv in "$work/$name/default"/*.csv; do
      cmp "$csv" "$work/$name/$label/$(basename "$csv")" || { echo "$name: $(basename "$csv") differs with ${variant#*:}" >&2; exit 1; }
    done
    echo "$name: ${variant#*:} byte-identical ($(( $(date +%s) - start )) s)"
  done
done
