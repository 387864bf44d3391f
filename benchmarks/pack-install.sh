#!/usr/bin/env bash
# Checks that neurotag-cli packs and installs as a .NET tool, the way the README installs it, without touching the
# machine's global tools: packs into a temp folder, checks the package's tool settings (command neurotag-cli),
# installs it with --tool-path into a temp folder, runs --version, validate and a short run, and uninstalls.
# Takes a few minutes (the pack builds Release). Usage: benchmarks/pack-install.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet pack src/Neurotag.Cli -c Release -o "$work/nupkg" --nologo -v quiet
package=$(ls "$work"/nupkg/neurotag-cli.*.nupkg)
echo "packed $(basename "$package")"
settings=$(unzip -p "$package" 'tools/*/any/DotnetToolSettings.xml')
grep -q 'Command Name="neurotag-cli"' <<<"$settings" || { echo "FAIL: no neurotag-cli command in DotnetToolSettings.xml:"; echo "$settings"; exit 1; }

dotnet tool install --tool-path "$work/tools" --add-source "$work/nupkg" neurotag-cli >/dev/null
tool="$work/tools/neurotag-cli"
echo "installed: $("$tool" --version)"
"$tool" validate scenarios/chronic-pain.yaml
"$tool" run scenarios/chronic-pain.yaml --out "$work/runs/chronic-pain" --quiet
test -s "$work/runs/chronic-pain/summary.csv" || { echo "FAIL: the run wrote no summary.csv"; exit 1; }
"$tool" completion bash | grep -q '\[suggest:' || { echo "FAIL: completion bash"; exit 1; }
dotnet tool uninstall --tool-path "$work/tools" neurotag-cli >/dev/null
echo "ok: packs, installs, runs and uninstalls as the .NET tool 'neurotag-cli'"
