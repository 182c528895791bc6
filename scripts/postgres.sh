#!/usr/bin/env bash
# Starts (or stops) a throw-away PostgreSQL 15 server on 127.0.0.1 for the store tests, and prints its connection
# string. Usage: scripts/postgres.sh start|stop [DATA_DIR] [PORT]
set -euo pipefail
action="${1:-start}"
data_dir="${2:-${VCF_PG_DIR:-/tmp/vcf-backstage-pg}}"
port="${3:-${VCF_PG_PORT:-55432}}"

find_bin() {
  local name="$1"
  for dir in /usr/local/bin /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    [ -x "$dir/$name" ] && { echo "$dir/$name"; return; }
  done
  command -v "$name" || true
}

ensure_installed() {
  if [ -z "$(find_bin initdb)" ]; then
    echo "PostgreSQL binaries not found; installing Debian's postgresql-15" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq postgresql-15 >&2 || apt-get install -y -qq postgresql >&2
  fi
}

run_as_postgres() {
  if [ "$(id -u)" = "0" ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/false postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$action" in
  start)
    ensure_installed
    initdb="$(find_bin initdb)"; pg_ctl="$(find_bin pg_ctl)"
    if [ ! -f "$data_dir/PG_VERSION" ]; then
      mkdir -p "$data_dir"
      [ "$(id -u)" = "0" ] && { id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/false postgres; chown postgres "$data_dir"; }
      run_as_postgres "$initdb" -D "$data_dir" --auth=trust --username=postgres >/dev/null
    fi
    if ! run_as_postgres "$pg_ctl" -D "$data_dir" status >/dev/null 2>&1; then
      run_as_postgres "$pg_ctl" -D "$data_dir" -l "$data_dir/server.log" \
        -o "-p $port -k $data_dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" -w start >/dev/null
    fi
    echo "postgresql://postgres@127.0.0.1:$port"
    ;;
  stop)
    pg_ctl="$(find_bin pg_ctl)"
    [ -n "$pg_ctl" ] && [ -f "$data_dir/PG_VERSION" ] && run_as_postgres "$pg_ctl" -D "$data_dir" -m fast stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: $0 start|stop [DATA_DIR] [PORT]" >&2; exit 2 ;;
esac
