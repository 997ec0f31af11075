#!/usr/bin/env bash
# Entry point of the silo image. Works out the address this silo advertises to the cluster, then runs the silo
# (arguments go to it: `migrate` applies the schema and exits).
#
# Orleans__AdvertisedIP, when set, is used as it is (Kubernetes sets it to the pod IP). Otherwise the first IPv4
# address of this network namespace is advertised: the container's own address, or for a runtime silo that shares
# its gateway's network namespace, the gateway container's address.
set -euo pipefail

silo_dll=${SKILLSORLEANS_SILO_DLL:-/app/SkillsOrleans.Silo.dll}

first_ipv4() {
  local address
  for address in $(hostname -I 2>/dev/null || true); do
    case "$address" in
      127.*) ;;
      *.*.*.*) echo "$address"; return 0 ;;
    esac
  done
  return 1
}

if [ -z "${Orleans__AdvertisedIP:-}" ] && [ "${1:-}" != "migrate" ]; then
  if ! address=$(first_ipv4); then
    echo "silo-entrypoint: cannot tell this container's IPv4 address; set Orleans__AdvertisedIP" >&2
    exit 1
  fi
  export Orleans__AdvertisedIP="$address"
fi

exec dotnet "$silo_dll" "$@"
