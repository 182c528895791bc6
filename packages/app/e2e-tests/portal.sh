#!/usr/bin/env bash
# Starts and stops the parts of the portal for the end-to-end tests one by one, so that scripts/test can restart
# only the backend to sign the guest in as another user. Each part runs in its own process group (setsid); its pid
# and log are kept in the demo folder. The same parts as scripts/start-portal.sh, except that the backend runs
# without the CLI's file watcher: edits elsewhere in the tree do not restart it in the middle of a test.
#
#   portal.sh start-estate   DIR        SDDC Manager/Installer simulator (:5443) and vcsim; writes DIR/app-config.demo.yaml
#   portal.sh start-app      DIR        the app's dev server (http://localhost:3000)
#   portal.sh start-backend  DIR USER   the backend (http://localhost:7007), signing guests in as USER
#   portal.sh stop           DIR PART   stops estate, app or backend (TERM to its process group, KILL after 20 s)
#   portal.sh stop-all       DIR
#   portal.sh logs           DIR [N]    the last N lines (default 60) of each part's log
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../scripts" && pwd)/env.sh"
cd "$VCF_ROOT"

command="${1:?usage: portal.sh start-estate|start-app|start-backend|stop|stop-all|logs DIR ...}"
dir="${2:?the demo folder}"
mkdir -p "$dir/sqlite"
dir="$(cd "$dir" && pwd)"
export VCF_DEMO_DIR="$dir"

BACKEND_URL=http://localhost:7007
APP_URL=http://localhost:3000

if [ -z "${VCF_ENCRYPTION_KEY:-}" ]; then
  [ -f "$dir/encryption.key" ] ||
    node -e "console.log(require('crypto').randomBytes(32).toString('base64'))" > "$dir/encryption.key"
  VCF_ENCRYPTION_KEY="$(cat "$dir/encryption.key")"
  export VCF_ENCRYPTION_KEY
fi

configs=(--config "$VCF_ROOT/app-config.yaml" --config "$dir/app-config.demo.yaml")

alive() { [ -f "$dir/$1.pid" ] && kill -0 "$(cat "$dir/$1.pid")" 2>/dev/null; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

require_free_port() {
  if ! port_free "$1"; then
    echo "Port $1 is taken (another portal running?): stop it first" >&2
    exit 1
  fi
}

# start NAME COMMAND...: runs the command in a new session (process group = its pid), logging to DIR/NAME.log.
start() {
  local name="$1"
  shift
  if alive "$name"; then
    echo "$name is already running (pid $(cat "$dir/$name.pid"))" >&2
    exit 1
  fi
  echo "=== $(date -u +%FT%TZ) $*" >> "$dir/$name.log"
  setsid "$@" >> "$dir/$name.log" 2>&1 < /dev/null &
  echo $! > "$dir/$name.pid"
}

# wait_for NAME SECONDS CHECK...: polls the check every second while the part is alive.
wait_for() {
  local name="$1" seconds="$2"
  shift 2
  for _ in $(seq 1 "$seconds"); do
    if "$@"; then return 0; fi
    if ! alive "$name"; then
      echo "$name exited while starting; the end of $dir/$name.log:" >&2
      tail -n 40 "$dir/$name.log" >&2
      return 1
    fi
    sleep 1
  done
  echo "$name did not get ready in $seconds s; the end of $dir/$name.log:" >&2
  tail -n 40 "$dir/$name.log" >&2
  return 1
}

guest_is() {
  curl -fsS -H 'X-Requested-With: XMLHttpRequest' "$BACKEND_URL/api/auth/guest/refresh" 2>/dev/null |
    grep -Eq "\"userEntityRef\": *\"$1\""
}

backend_ready() { curl -fsS "$BACKEND_URL/api/vcf/health" > /dev/null 2>&1 && guest_is "$1"; }

stop() {
  local name="$1" pid
  [ -f "$dir/$name.pid" ] || return 0
  pid="$(cat "$dir/$name.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do
      kill -0 -- "-$pid" 2>/dev/null || break
      sleep 1
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$dir/$name.pid"
}

case "$command" in
  start-estate)
    require_free_port "${VCF_DEMO_SIMULATOR_PORT:-5443}"
    rm -f "$dir/estate.ready"
    start estate node scripts/run-ts.js packages/vcf-simulator/src/demo/startDemoEstate.ts "$dir"
    wait_for estate 120 test -f "$dir/estate.ready"
    tail -n 1 "$dir/estate.log"
    ;;
  start-app)
    require_free_port 3000
    start app yarn workspace app start "${configs[@]}"
    wait_for app 240 curl -fs -o /dev/null "$APP_URL"
    echo "App ready on $APP_URL"
    ;;
  start-backend)
    user="${3:?the user the guest signs in as, e.g. user:default/guest}"
    require_free_port 7007
    # The catalog reads ../../catalog-info.yaml and the examples relative to packages/backend, as under yarn dev.
    start backend env -C packages/backend NODE_ENV=development VCF_GUEST_USER="$user" \
      node "$VCF_ROOT/scripts/run-ts.js" src/index.ts "${configs[@]}"
    wait_for backend 240 backend_ready "$user"
    echo "Backend ready on $BACKEND_URL, guests sign in as $user"
    ;;
  stop)
    stop "${3:?estate, app or backend}"
    ;;
  stop-all)
    stop backend
    stop app
    stop estate
    ;;
  logs)
    for name in estate app backend; do
      [ -f "$dir/$name.log" ] || continue
      echo "--- $name log (tail)"
      tail -n "${3:-60}" "$dir/$name.log"
    done
    ;;
  *)
    echo "unknown command $command" >&2
    exit 2
    ;;
esac
