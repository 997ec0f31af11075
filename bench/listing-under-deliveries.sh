#!/usr/bin/env bash
# Does an account's credential listing wait for the account's deliveries? Starts a private stack with
# deploy/local/run.sh (PostgreSQL, a core and a runtime silo, the API; temporary data directory, free ports), then runs
# `SkillsOrleans.Benchmarks listing-under-deliveries` against it: the listing read alone, then while admins of the
# same account deliver keys back to back. Prints a table and the ratio; stops the stack.
#
#   bench/listing-under-deliveries.sh [credentials] [writers] [reads]      (defaults 64, 4, 200)
#
# Environment: SKILLSORLEANS_STACK_ROOT runs the stack of another checkout (for example an older commit, built by
# its own run.sh) under the same benchmark driver, to compare two versions in one sitting.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
stack_root=${SKILLSORLEANS_STACK_ROOT:-$root}
credentials=${1:-64}
writers=${2:-4}
reads=${3:-200}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

data=$(mktemp -d -t skillsorleans-delivery-bench-XXXXXX)
chmod 755 "$data" # PostgreSQL runs as its own user when this runs as root
api_url="http://127.0.0.1:$(free_port)"
stack_pid=""
cleanup() {
  # TERM, not INT: a background job of a script starts with SIGINT ignored, and run.sh could not trap it.
  if [ -n "$stack_pid" ]; then kill -TERM "$stack_pid" 2>/dev/null || true; wait "$stack_pid" 2>/dev/null || true; fi
  rm -rf "$data"
}
trap cleanup EXIT

echo "==> building the benchmark driver"
dotnet build "$root/bench/SkillsOrleans.Benchmarks" -c Release -nologo -v quiet >/dev/null

echo "==> starting the stack of $stack_root (data $data)"
# The per-user write limit would turn most deliveries into 429s; it is not what is measured here.
RateLimits__WritesPerMinute=100000 RateLimits__WriteBurst=100000 \
  SKILLSORLEANS_DATA_DIR="$data" SKILLSORLEANS_PG_PORT="$(free_port)" SKILLSORLEANS_API_URL="$api_url" \
  SKILLSORLEANS_SILO_URL="http://127.0.0.1:$(free_port)" SKILLSORLEANS_CORE_SILO_URL="http://127.0.0.1:$(free_port)" \
  setsid "$stack_root/deploy/local/run.sh" >"$data/run.log" 2>&1 &
stack_pid=$!
for _ in $(seq 1 600); do
  if grep -qs "SkillsOrleans is running" "$data/run.log"; then break; fi
  if ! kill -0 "$stack_pid" 2>/dev/null; then cat "$data/run.log" >&2; exit 1; fi
  sleep 1
done
grep -q "SkillsOrleans is running" "$data/run.log" || { cat "$data/run.log" >&2; exit 1; }
echo "==> $(git -C "$stack_root" log -1 --format='%h %s' 2>/dev/null || echo "$stack_root"); load: $(cut -d' ' -f1-3 /proc/loadavg)"

dotnet "$root/bench/SkillsOrleans.Benchmarks/bin/Release/net10.0/SkillsOrleans.Benchmarks.dll" \
  listing-under-deliveries "$api_url" "$data/workspace" "$credentials" "$writers" "$reads"
