#!/usr/bin/env bash
# Times `openclaw skills list --json` with hyperfine on the same generated workspace the .NET benchmarks scan
# (written by `SkillsOrleans.Benchmarks generate`), and on an empty workspace as the CLI's start-up baseline.
# OpenClaw's per-source limits are raised so it really loads every skill; the script checks how many it listed.
#
#   bench/openclaw-skills-list.sh [skill-count]        (default 1000)
#
# Environment: OPENCLAW_BIN_DIR (the directory holding `openclaw` and `node`; installed with the pinned versions
# from deploy/local/lib/openclaw.sh when unset), HYPERFINE_WARMUP (default 1), HYPERFINE_RUNS (default 5).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../deploy/local/lib/prerequisites.sh
. "$root/deploy/local/lib/prerequisites.sh"

count=${1:-1000}
warmup=${HYPERFINE_WARMUP:-1}
runs=${HYPERFINE_RUNS:-5}
limit=$((count > 5000 ? count : 5000))

require_dotnet
if [ -z "${OPENCLAW_BIN_DIR:-}" ]; then
  # shellcheck source=../deploy/local/lib/openclaw.sh
  . "$root/deploy/local/lib/openclaw.sh"
  OPENCLAW_BIN_DIR=$(ensure_openclaw)
fi
bin=$OPENCLAW_BIN_DIR
command -v hyperfine >/dev/null 2>&1 || apt_install hyperfine

work=$(mktemp -d -t skillsorleans-openclaw-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "==> generating $count skills" >&2
dotnet run -c Release --project "$root/bench/SkillsOrleans.Benchmarks" -- generate "$work/generated/workspace" "$count" >&2
mkdir -p "$work/empty/workspace/skills"

# One private state directory and config per workspace; raised limits so nothing is truncated.
for name in generated empty; do
  mkdir -p "$work/$name/state"
  cat >"$work/$name/state/openclaw.json" <<JSON
{
  "gateway": { "mode": "local" },
  "agents": { "defaults": { "workspace": "$work/$name/workspace" } },
  "skills": { "limits": { "maxCandidatesPerRoot": $limit, "maxSkillsLoadedPerSource": $limit } }
}
JSON
done

# A minimal environment, so nothing from this shell (an API key, say) reaches the CLI.
list_command() {
  local state="$work/$1/state"
  echo "env -i PATH=$bin:/usr/local/bin:/usr/bin:/bin HOME=$state OPENCLAW_STATE_DIR=$state" \
    "OPENCLAW_CONFIG_PATH=$state/openclaw.json NO_COLOR=1 openclaw skills list --json"
}

echo "==> openclaw $("$bin/openclaw" --version 2>/dev/null | tail -n 1), node $("$bin/node" --version)" >&2
echo "==> checking what openclaw lists" >&2
eval "$(list_command generated)" >"$work/listed.json" 2>"$work/listed.err" \
  || { cat "$work/listed.err" >&2; exit 1; }
listed=$("$bin/node" -e '
  const text = require("fs").readFileSync(process.argv[1], "utf8");
  const bySource = {};
  for (const skill of JSON.parse(text.slice(text.indexOf("{"))).skills) bySource[skill.source] = (bySource[skill.source] ?? 0) + 1;
  console.log(Object.entries(bySource).map(([source, n]) => `${source}=${n}`).join(" "));
' "$work/listed.json")
echo "openclaw listed: $listed"
workspace_listed=$(sed -n 's/.*openclaw-workspace=\([0-9]*\).*/\1/p' <<<"$listed")
if [ "${workspace_listed:-0}" -ne "$count" ]; then
  echo "openclaw listed ${workspace_listed:-0} workspace skills, not $count" >&2
  exit 1
fi

# Other work on the machine shows up in the timings; say how busy it was.
echo "==> load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "==> hyperfine --warmup $warmup --runs $runs" >&2
hyperfine --warmup "$warmup" --runs "$runs" --style basic \
  --export-json "$work/hyperfine.json" --export-markdown "$work/hyperfine.md" \
  -n "skills list, $count-skill workspace" "$(list_command generated)" \
  -n "skills list, empty workspace" "$(list_command empty)" >&2
echo "==> load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

echo
cat "$work/hyperfine.md"
echo
"$bin/node" -e '
  for (const r of JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).results)
    console.log(`${r.command}: mean ${r.mean.toFixed(3)} s ± ${r.stddev.toFixed(3)} s (${r.times.length} runs)`);
' "$work/hyperfine.json"
