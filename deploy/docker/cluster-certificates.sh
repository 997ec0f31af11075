#!/usr/bin/env bash
# Makes the cluster's TLS authority (once) and issues the certificates Compose mounts as secrets: the core silos',
# the API's and one per runtime host. Run it again to renew them (90 days); the authority stays. Needs the silo
# image (docker compose build migrate) and .env.
#
#   deploy/docker/cluster-certificates.sh            # into ${SKILLSORLEANS_TLS_DIR:-./.tls}
#
# Compose mounts file secrets as they are on this machine, so keys are written readable by the containers' user;
# the directory is 0700, which keeps them from everyone else here. Keep it out of backups you would not trust with
# the cluster (docs/cluster-tls.md).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
[ -f .env ] && set -a && . ./.env && set +a
dir=${SKILLSORLEANS_TLS_DIR:-./.tls}
mkdir -p "$dir"
chmod 0700 "$dir"
dir=$(cd "$dir" && pwd)

runtimes=(--runtime "${RUNTIME_ID:-demo-runtime-1}")
if [ -f docker-compose.fleet.yml ]; then
  runtimes+=(--runtime "${RUNTIME_2_ID:-other-runtime-1}")
fi

docker compose run --rm --no-deps --user "$(id -u):$(id -g)" --volume "$dir:/tls" migrate \
  certs --out /tls --core --api "${runtimes[@]}" --readable-keys
