#!/usr/bin/env bash
# A private PostgreSQL server in a directory of ours, on loopback only, for local runs.
# PostgreSQL refuses to run as root, so as root the server runs as the 'postgres' system user.

# shellcheck source=deploy/local/lib/prerequisites.sh
. "$(dirname "${BASH_SOURCE[0]}")/prerequisites.sh"

pg_user_prefix() {
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres
    echo "runuser -u postgres --"
  fi
}

# private_postgres_start DATA_DIR PORT LOG_FILE: initialises DATA_DIR on first use, then starts the server.
private_postgres_start() {
  local data_dir=$1 port=$2 log_file=$3 bin run_as
  bin=$(postgres_bin_dir)
  run_as=$(pg_user_prefix)
  mkdir -p "$data_dir" "$(dirname "$log_file")"
  if [ -n "$run_as" ]; then chown postgres "$data_dir"; touch "$log_file"; chown postgres "$log_file"; fi
  chmod 0700 "$data_dir"
  if [ ! -f "$data_dir/PG_VERSION" ]; then
    echo "==> initialising PostgreSQL in $data_dir"
    $run_as "$bin/initdb" -D "$data_dir" -U postgres --auth=trust --encoding=UTF8 --no-locale >/dev/null
  fi
  $run_as "$bin/pg_ctl" -D "$data_dir" -l "$log_file" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='' -c timezone=UTC" start >/dev/null
}

private_postgres_stop() {
  local data_dir=$1 bin run_as
  bin=$(postgres_bin_dir)
  run_as=$(pg_user_prefix)
  if [ -f "$data_dir/postmaster.pid" ]; then
    $run_as "$bin/pg_ctl" -D "$data_dir" -m fast -w stop >/dev/null || true
  fi
}
