#!/usr/bin/env bash
# The long form of the scenario fuzzer: FUZZ_ITERATIONS mutated versions of the bundled scenarios (default 100 000,
# about 6 000 per scenario; ~10 min on 2 cores) through the validator and compiler, from seed FUZZ_SEED (default: a
# new one each run, printed, so repeated runs explore new cases; pass it back to replay). The test suite runs the
# short form (2 000 cases, fixed seed). Minimal failing files land in $TMPDIR/neurotag-fuzz-failures/.
#   benchmarks/fuzz-scenarios.sh                 # 100 000 cases, new seed
#   FUZZ_ITERATIONS=20000 FUZZ_SEED=777 benchmarks/fuzz-scenarios.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export FUZZ_ITERATIONS="${FUZZ_ITERATIONS:-100000}"
export FUZZ_SEED="${FUZZ_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}"
echo "fuzzing: FUZZ_ITERATIONS=$FUZZ_ITERATIONS FUZZ_SEED=$FUZZ_SEED"
dotnet test tests/Neurotag.Scenarios.Tests -c Release \
  --filter "FullyQualifiedName~ScenarioFuzzTests.MutatedBundledScenarios" \
  --logger "console;verbosity=detailed"
