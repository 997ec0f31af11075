#!/usr/bin/env bash
# Runs SkillsOrleans on this machine: a private PostgreSQL under .data/, the schema and the database roles, a core
# silo (accounts, credentials, the audit trail), a runtime silo for demo-runtime-1 (workspace .data/workspace; it
# hosts only that runtime's grain and connects as the runtime role), and the API with the development token issuer.
# Ctrl-C stops everything; the next run reuses .data/, so state survives restarts.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=deploy/local/lib/postgres.sh
. "$root/deploy/local/lib/postgres.sh"

data_dir=${SKILLSORLEANS_DATA_DIR:-$root/.data}
pg_port=${SKILLSORLEANS_PG_PORT:-55432}
api_url=${SKILLSORLEANS_API_URL:-http://127.0.0.1:5080}
silo_health_url=${SKILLSORLEANS_SILO_URL:-http://127.0.0.1:5081}
core_health_url=${SKILLSORLEANS_CORE_SILO_URL:-http://127.0.0.1:5082}
runtime_id=${RUNTIME_ID:-demo-runtime-1}
runtime_account=${RUNTIME_ACCOUNT:-demo}
configuration=${SKILLSORLEANS_CONFIGURATION:-Release}

mkdir -p "$data_dir/logs" "$data_dir/workspace/skills"
data_dir=$(cd "$data_dir" && pwd)
# The skill agents use to ask for keys, as the gateway image installs it (fresh copy each start: ours to replace).
rm -rf "$data_dir/workspace/skills/skill-credentials"
cp -R "$root/deploy/openclaw/skills/skill-credentials" "$data_dir/workspace/skills/skill-credentials"
logs="$data_dir/logs"
pids=()
stopping=""

stop_all() {
  trap - INT TERM EXIT
  stopping=1
  echo
  echo "==> stopping"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  private_postgres_stop "$data_dir/postgres"
  echo "==> stopped; data kept in $data_dir"
}
trap stop_all INT TERM EXIT

wait_for_health() {
  local name=$1 url=$2 pid=$3
  for _ in $(seq 1 120); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$name exited during start-up; see $logs" >&2
      return 1
    fi
    if curl -fs -o /dev/null "$url/health"; then return 0; fi
    sleep 0.5
  done
  echo "$name did not become healthy at $url/health; see $logs" >&2
  return 1
}

require_dotnet
command -v curl >/dev/null 2>&1 || apt_install curl ca-certificates

echo "==> building ($configuration)"
dotnet build "$root/SkillsOrleans.sln" -c "$configuration" -nologo -v quiet >"$logs/build.log" 2>&1 \
  || { tail -n 40 "$logs/build.log"; exit 1; }

echo "==> starting PostgreSQL on 127.0.0.1:$pg_port"
private_postgres_start "$data_dir/postgres" "$pg_port" "$logs/postgres.log"

database="Host=127.0.0.1;Port=$pg_port;Database=skillsorleans"
silo_dll="$root/silo/bin/$configuration/net10.0/SkillsOrleans.Silo.dll"
api_dll="$root/api/bin/$configuration/net10.0/SkillsOrleans.Api.dll"

# The services connect as the roles Compose and Kubernetes use: the application role (core silo, API) and the runtime
# role (runtime silo). The migration sets their passwords on every run, so each run draws new ones.
new_password() { od -An -tx1 -N24 /dev/urandom | tr -d ' \n'; }
app_password=$(new_password)
runtime_password=$(new_password)

echo "==> applying schema, provisioning the database roles"
ConnectionStrings__Postgres="$database;Username=postgres" \
  Database__ApplicationRole=skillsorleans_app Database__ApplicationRolePassword="$app_password" \
  Database__RuntimeRole=skillsorleans_runtime Database__RuntimeRolePassword="$runtime_password" \
  dotnet "$silo_dll" migrate
export ConnectionStrings__Postgres="$database;Username=skillsorleans_app;Password=$app_password"
runtime_connection="$database;Username=skillsorleans_runtime;Password=$runtime_password"

# Cluster traffic is mutual TLS even here: the authority under .data/tls is created once and its certificates renewed
# on every run (docs/cluster-tls.md), so the silos' ports refuse any local process without a certificate.
tls_dir="$data_dir/tls"
echo "==> issuing cluster certificates ($tls_dir)"
dotnet "$silo_dll" certs --out "$tls_dir" --core --api --runtime "$runtime_id" >"$logs/certs.log"
export Orleans__Tls__Authority="$tls_dir/ca.pem"

echo "==> starting core silo"
ASPNETCORE_ENVIRONMENT=Development \
  Urls="$core_health_url" \
  Orleans__SiloPort=11111 \
  Orleans__GatewayPort=30000 \
  Orleans__Tls__Certificate="$tls_dir/core.pem" \
  Orleans__Tls__PrivateKey="$tls_dir/core.key" \
  Webhooks__SigningKeyFile="$tls_dir/webhook-signing-key.pem" \
  Webhooks__AllowHttp=true \
  Webhooks__AllowPrivateNetworks=true \
  Seed__Demo=true \
  dotnet "$silo_dll" >"$logs/core-silo.log" 2>&1 &
pids+=($!)
wait_for_health "core silo" "$core_health_url" "${pids[-1]}"

echo "==> starting runtime silo (runtime $runtime_id for account $runtime_account)"
ASPNETCORE_ENVIRONMENT=Development \
  Urls="$silo_health_url" \
  Orleans__SiloPort=11112 \
  Orleans__GatewayPort=30001 \
  ConnectionStrings__Postgres="$runtime_connection" \
  RUNTIME_ID="$runtime_id" \
  RUNTIME_ACCOUNT="$runtime_account" \
  OPENCLAW_WORKSPACE_DIR="$data_dir/workspace" \
  OPENCLAW_STATE_DIR="$data_dir/openclaw" \
  OPENCLAW_CONFIG_PATH="$data_dir/openclaw/openclaw.json" \
  RUNTIME_SECRETS_FILE="$data_dir/openclaw/secrets/runtime-secrets.json" \
  Orleans__Tls__Certificate="$tls_dir/runtime-$runtime_id.pem" \
  Orleans__Tls__PrivateKey="$tls_dir/runtime-$runtime_id.key" \
  dotnet "$silo_dll" >"$logs/runtime-silo.log" 2>&1 &
pids+=($!)
wait_for_health "runtime silo" "$silo_health_url" "${pids[-1]}"

echo "==> starting API"
ASPNETCORE_ENVIRONMENT=Development \
  Urls="$api_url" \
  DevIssuer__Issuer="$api_url/dev" \
  DevIssuer__AuthorizedParty="$api_url" \
  DevIssuer__KeyPath="$data_dir/dev-issuer/signing-key.pem" \
  Orleans__Tls__Certificate="$tls_dir/api.pem" \
  Orleans__Tls__PrivateKey="$tls_dir/api.key" \
  dotnet "$api_dll" --contentRoot "$(dirname "$api_dll")" >"$logs/api.log" 2>&1 &
pids+=($!)
wait_for_health API "$api_url" "${pids[-1]}"

cat <<TXT

SkillsOrleans is running.
  API              $api_url            (health: $api_url/health)
  Dev token        $api_url/dev/token?sub=demo-admin   (platform admin: sub=platform-admin)
  Dev JWKS         $api_url/dev/.well-known/jwks.json
  Core silo        $core_health_url/health
  Runtime silo     $silo_health_url/health   (runtime $runtime_id, workspace $data_dir/workspace)
  PostgreSQL       127.0.0.1:$pg_port, database skillsorleans, data $data_dir/postgres
  Logs             $logs
Press Ctrl-C to stop.
TXT

wait -n "${pids[@]}" || true
[ -n "$stopping" ] || echo "a process exited unexpectedly; see $logs" >&2
