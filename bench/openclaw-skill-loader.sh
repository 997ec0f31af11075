#!/usr/bin/env bash
# Times OpenClaw's own skill discovery without its CLI start-up, next to ours, on the same generated workspaces the
# .NET benchmarks scan (written by `SkillsOrleans.Benchmarks generate`): bench/openclaw-skill-loader.mjs loads
# OpenClaw's skill loader once in one Node process and calls it repeatedly; `SkillsOrleans.Benchmarks scan` does the
# same with whole scans by new SkillCatalogScanners in one .NET process. Both check how many skills each run listed.
# Prints both JSON lines per workspace and the ratio of their medians.
#
#   bench/openclaw-skill-loader.sh [runs] [skill-count...]        (defaults: 20 runs; 1000 and 10000 skills)
#
# Environment: OPENCLAW_BIN_DIR (the directory holding `openclaw` and `node`; installed with the pinned versions
# from deploy/local/lib/openclaw.sh when unset).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../deploy/local/lib/prerequisites.sh
. "$root/deploy/local/lib/prerequisites.sh"

runs=${1:-20}
shift || true
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1000 10000)

require_dotnet
if [ -z "${OPENCLAW_BIN_DIR:-}" ]; then
  # shellcheck source=../deploy/local/lib/openclaw.sh
  . "$root/deploy/local/lib/openclaw.sh"
  OPENCLAW_BIN_DIR=$(ensure_openclaw)
fi
package=$(cd "$OPENCLAW_BIN_DIR/../cli/node_modules/openclaw" && pwd)

work=$(mktemp -d -t skillsorleans-openclaw-loader-XXXXXX)
trap 'rm -rf "$work"' EXIT

dotnet build -c Release "$root/bench/SkillsOrleans.Benchmarks" -nologo -v quiet >&2
for count in "${counts[@]}"; do
  echo "==> $count skills" >&2
  dotnet "$root/bench/SkillsOrleans.Benchmarks/bin/Release/net10.0/SkillsOrleans.Benchmarks.dll" generate "$work/$count" "$count" >&2
  openclaw=$(env -i PATH=/usr/bin:/bin OPENCLAW_PACKAGE_DIR="$package" \
    "$OPENCLAW_BIN_DIR/node" "$root/bench/openclaw-skill-loader.mjs" "$work/$count" "$runs" "$count" 2>"$work/stderr-$count") \
    || { cat "$work/stderr-$count" >&2; exit 1; }
  ours=$(dotnet "$root/bench/SkillsOrleans.Benchmarks/bin/Release/net10.0/SkillsOrleans.Benchmarks.dll" scan "$work/$count" "$runs" "$count")
  echo "openclaw: $openclaw"
  echo "ours:     $ours"
  "$OPENCLAW_BIN_DIR/node" -e '
    const median = (line) => { const r = JSON.parse(line).runsMs.slice().sort((a, b) => a - b); return r[Math.floor(r.length / 2)]; };
    const [openclaw, ours] = [median(process.argv[1]), median(process.argv[2])];
    console.log(`${process.argv[3]} skills: median OpenClaw ${openclaw.toFixed(1)} ms, ours ${ours.toFixed(1)} ms, ratio ×${(openclaw / ours).toFixed(1)}`);
  ' "$openclaw" "$ours" "$count"
done
