#!/usr/bin/env bash
# Builds SkillsOrleans and runs every test project. Installs what the tests need when it is missing:
# PostgreSQL server binaries (the tests start their own throw-away servers on free loopback ports), and, in a
# cache directory, Node 24 from the npm registry plus the pinned openclaw CLI for the compatibility tests, and
# Debian's Chromium for the admin page's browser tests.
# Ends with one summary line: "N passed, N failed, N skipped".
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=deploy/local/lib/prerequisites.sh
. "$root/deploy/local/lib/prerequisites.sh"
# shellcheck source=deploy/local/lib/openclaw.sh
. "$root/deploy/local/lib/openclaw.sh"

configuration=${SKILLSORLEANS_CONFIGURATION:-Release}
results="$root/artifacts/test-results"
screenshots="$root/artifacts/screenshots"

require_dotnet
echo "==> PostgreSQL server binaries: $(postgres_bin_dir)"
echo "==> deployment tools: $(ensure_deployment_tools)"
SKILLSORLEANS_PROMTOOL=$(promtool_path)
export SKILLSORLEANS_PROMTOOL
echo "==> promtool: $SKILLSORLEANS_PROMTOOL ($("$SKILLSORLEANS_PROMTOOL" --version 2>&1 | head -n 1))"
SKILLSORLEANS_CHROMIUM=$(chromium_path)
export SKILLSORLEANS_CHROMIUM PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
echo "==> Chromium: $SKILLSORLEANS_CHROMIUM ($("$SKILLSORLEANS_CHROMIUM" --version 2>/dev/null | head -n 1))"
OPENCLAW_BIN_DIR=$(ensure_openclaw)
export OPENCLAW_BIN_DIR
SKILLSORLEANS_AXE=$(axe_script)
export SKILLSORLEANS_AXE
echo "==> openclaw CLI: $OPENCLAW_BIN_DIR ($("$OPENCLAW_BIN_DIR/openclaw" --version 2>/dev/null | head -n 1))"

echo "==> building ($configuration)"
dotnet build "$root/SkillsOrleans.sln" -c "$configuration" -nologo -v quiet

echo "==> testing"
rm -rf "$results" "$screenshots"
mkdir -p "$results"
set +e
dotnet test "$root/SkillsOrleans.sln" -c "$configuration" --no-build -nologo \
  --logger "trx" --results-directory "$results" \
  --blame-hang-timeout 10m 2>&1 | tee "$results/console.log"
status=${PIPESTATUS[0]}
set -e

# Each test assembly prints "Passed!  - Failed: F, Passed: P, Skipped: S, ..."; add them up.
summary=$(grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$results/console.log" \
  | awk -F'[:,] +' '{f+=$2; p+=$4; s+=$6} END {printf "%d passed, %d failed, %d skipped", p, f, s}')
echo
echo "${summary:-0 passed, 0 failed, 0 skipped}"
if [ -d "$screenshots" ]; then echo "admin page screenshots: $screenshots"; fi
if [ "$status" -ne 0 ]; then
  echo "tests failed (exit $status); results in $results" >&2
fi
exit "$status"
