#!/usr/bin/env bash
# Installs what local runs and tests need on a Debian machine, only when it is missing.
# Sourced by run.sh and test.sh; every function is safe to call again.

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=""

apt_install() {
  if [ -z "$apt_updated" ]; then
    echo "==> apt-get update" >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    apt_updated=1
  fi
  echo "==> apt-get install $*" >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

newest_postgres_bin() {
  find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -type d -name bin 2>/dev/null | sort -V | tail -n 1
}

# Prints the directory of the newest PostgreSQL server binaries, installing the server if there are none.
postgres_bin_dir() {
  local dir
  dir=$(newest_postgres_bin)
  if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
    apt_install postgresql-15 || apt_install postgresql
    dir=$(newest_postgres_bin)
  fi
  [ -x "$dir/initdb" ] || { echo "PostgreSQL server binaries not found after install" >&2; return 1; }
  echo "$dir"
}

# Prints the path of Debian's Chromium, installing it (with a colour emoji font, for skills' emoji in screenshots)
# if it is missing. The browser tests drive it through Playwright, which never downloads a browser here.
chromium_path() {
  local path=${SKILLSORLEANS_CHROMIUM:-/usr/bin/chromium}
  if [ ! -x "$path" ]; then
    apt_install chromium fonts-noto-color-emoji
  fi
  [ -x "$path" ] || { echo "Chromium not found at $path after install" >&2; return 1; }
  echo "$path"
}

require_dotnet() {
  command -v dotnet >/dev/null 2>&1 || { echo "The .NET 10 SDK is required (dotnet on PATH)." >&2; return 1; }
}

# The deployment tests lint shell scripts with shellcheck and read the Compose files with Debian's docker-compose
# (its `config` command only parses; no Docker engine is needed). Prints what it found.
ensure_deployment_tools() {
  local missing=()
  command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
  command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
  if [ "${#missing[@]}" -gt 0 ]; then
    apt_install "${missing[@]}"
  fi
  echo "$(shellcheck --version | sed -n 's/^version: /shellcheck /p'), $(docker-compose version --short 2>/dev/null | sed 's/^/docker-compose /')"
}

# Prints the path of promtool, which checks and unit-tests the Prometheus rules under deploy/prometheus. When it is
# not on PATH it is taken out of Debian's prometheus package without installing the package, whose init script
# would start a Prometheus server.
promtool_path() {
  local cache=${XDG_CACHE_HOME:-$HOME/.cache}/skillsorleans/prometheus
  if [ -n "${SKILLSORLEANS_PROMTOOL:-}" ]; then
    echo "$SKILLSORLEANS_PROMTOOL"
  elif command -v promtool >/dev/null 2>&1; then
    command -v promtool
  else
    if [ ! -x "$cache/usr/bin/promtool" ]; then
      if [ -z "$apt_updated" ]; then
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
        apt_updated=1
      fi
      local download
      download=$(mktemp -d)
      echo "==> apt-get download prometheus (for promtool)" >&2
      (cd "$download" && apt-get download -qq prometheus >&2)
      mkdir -p "$cache"
      dpkg-deb -x "$download"/prometheus_*.deb "$cache"
      rm -rf "$download"
    fi
    [ -x "$cache/usr/bin/promtool" ] || { echo "promtool not found after extracting the prometheus package" >&2; return 1; }
    echo "$cache/usr/bin/promtool"
  fi
}

# Prints the path of axe-core's browser script (pinned), which the browser tests run in the admin page to find
# accessibility violations; installs it with npm into a cache directory when missing.
axe_script() {
  local version=${AXE_CORE_VERSION:-4.14.1}
  local dir=${XDG_CACHE_HOME:-$HOME/.cache}/skillsorleans/axe-core-$version
  local script="$dir/node_modules/axe-core/axe.min.js"
  if [ ! -f "$script" ]; then
    command -v npm >/dev/null 2>&1 || apt_install nodejs npm
    echo "==> npm install axe-core@$version" >&2
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error "axe-core@$version" >&2
  fi
  [ -f "$script" ] || { echo "axe-core not found at $script after install" >&2; return 1; }
  echo "$script"
}
