#!/usr/bin/env bash
# Container health check without curl: GET one http:// URL with bash's /dev/tcp and succeed only on a 2xx answer.
#
#   http-health.sh http://127.0.0.1:8081/health
#
# Exit codes: 0 healthy (2xx), 1 unhealthy (refused, no answer in time, or any other status), 2 usage error.
# HTTP_HEALTH_TIMEOUT (seconds, default 5) bounds the wait for the answer. Meant for local addresses, which
# connect or refuse at once; the orchestrator's own probe timeout bounds the rest.
set -euo pipefail

url=${1:-}
timeout_seconds=${HTTP_HEALTH_TIMEOUT:-5}
if [[ ! $url =~ ^http://([A-Za-z0-9.-]+):([0-9]{1,5})(/[^[:space:]]*)?$ ]]; then
  echo "usage: http-health.sh http://HOST:PORT/PATH" >&2
  exit 2
fi
host=${BASH_REMATCH[1]}
port=${BASH_REMATCH[2]}
path=${BASH_REMATCH[3]:-/}
if [[ ! $timeout_seconds =~ ^[1-9][0-9]*$ ]]; then
  echo "http-health: HTTP_HEALTH_TIMEOUT must be a whole number of seconds" >&2
  exit 2
fi

unhealthy() {
  echo "http-health: $url: $*" >&2
  exit 1
}

{ exec 3<>"/dev/tcp/$host/$port"; } 2>/dev/null || unhealthy "connection refused"
printf 'GET %s HTTP/1.1\r\nHost: %s:%s\r\nConnection: close\r\n\r\n' "$path" "$host" "$port" >&3
status_line=""
IFS= read -r -t "$timeout_seconds" status_line <&3 || [ -n "$status_line" ] || unhealthy "no answer within ${timeout_seconds}s"
exec 3<&-
status_line=${status_line%$'\r'}
[[ $status_line =~ ^HTTP/1\.[01]\ 2[0-9][0-9]([[:space:]]|$) ]] || unhealthy "answered '$status_line'"
