#!/usr/bin/env bash
# Makes the README's figures (docs/figures/*.png) from the bundled scenarios, with the tool built from this checkout.
# Usage: bash docs/figures/make-figures.sh    (about a minute on 2 cores; writes only docs/figures/*.png)
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build src/Neurotag.Cli -c Release -v q -nologo >/dev/null
cli() { dotnet src/Neurotag.Cli/bin/Release/net10.0/neurotag-cli.dll "$@"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1. chronic-pain: the tag trajectories, 60 days of healing drawn as a labelled break.
cli run scenarios/chronic-pain.yaml --out "$work/chronic-pain" --quiet >/dev/null
cli plot "$work/chronic-pain" --only trajectories --out "$work/fig-cp" 2>/dev/null >/dev/null
cp "$work/fig-cp/trajectories.png" docs/figures/chronic-pain-trajectories.png

# 2. stdp-competition (Song, Miller & Abbott 2000): the weight distribution over 100 s becomes bimodal.
cli run scenarios/stdp-competition.yaml --out "$work/stdp" --quiet >/dev/null
cli plot "$work/stdp" --only weights --out "$work/fig-stdp" 2>/dev/null >/dev/null
cp "$work/fig-stdp/weights.png" docs/figures/stdp-competition-weights.png

# 3. coba-benchmark (Vogels & Abbott 2005): raster of all 4000 neurons (E and I) over the population rate.
# The bundled scenario records no spikes: a copy records them (the same file plus one record line).
sed 's/^record:$/record:\n  spikes: { population: neurons }/' scenarios/coba-benchmark.yaml > "$work/coba-benchmark.yaml"
cli run "$work/coba-benchmark.yaml" --out "$work/coba" --quiet >/dev/null
cli plot "$work/coba" --only raster --out "$work/fig-coba" 2>/dev/null >/dev/null
cp "$work/fig-coba/raster.png" docs/figures/coba-raster.png

# 4. A sweep: chronic-pain's learning rate x 3 seeds; pain activation after healing against the rate.
cli sweep scenarios/chronic-pain.yaml --out "$work/sweep" --quiet --seeds 3 \
  --grid projections.cue-to-pain.plasticity.rate=0.0002,0.0005,0.001,0.002 >/dev/null
cli plot "$work/sweep" --only sweep --out "$work/fig-sweep" 2>/dev/null >/dev/null
cp "$(ls "$work"/fig-sweep/sweep*.png | head -n 1)" docs/figures/chronic-pain-sweep.png

ls -l docs/figures/*.png
