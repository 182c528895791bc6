#!/usr/bin/env bash
# Starts the demo estate and the portal: the SDDC Manager + VCF Installer simulator on 127.0.0.1:5443, vcsim on
# a free port, then the Backstage app (http://localhost:3000) and backend (http://localhost:7007) on SQLite.
# Everything stops with Ctrl-C. Run scripts/setup.sh first (./scripts/start does both).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$VCF_ROOT"

export VCF_DEMO_DIR="${VCF_DEMO_DIR:-$VCF_ROOT/.vcf-demo}"
mkdir -p "$VCF_DEMO_DIR/sqlite"
if [ -z "${VCF_ENCRYPTION_KEY:-}" ]; then
  [ -f "$VCF_DEMO_DIR/encryption.key" ] ||
    node -e "console.log(require('crypto').randomBytes(32).toString('base64'))" > "$VCF_DEMO_DIR/encryption.key"
  VCF_ENCRYPTION_KEY="$(cat "$VCF_DEMO_DIR/encryption.key")"
  export VCF_ENCRYPTION_KEY
fi

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

rm -f "$VCF_DEMO_DIR/estate.ready"
node scripts/run-ts.js packages/vcf-simulator/src/demo/startDemoEstate.ts "$VCF_DEMO_DIR" > "$VCF_DEMO_DIR/estate.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
  [ -f "$VCF_DEMO_DIR/estate.ready" ] && break
  if ! kill -0 "${pids[0]}" 2>/dev/null; then
    echo "The demo estate did not start:" >&2; cat "$VCF_DEMO_DIR/estate.log" >&2; exit 1
  fi
  sleep 1
done
[ -f "$VCF_DEMO_DIR/estate.ready" ] || { echo "The demo estate did not start in time" >&2; cat "$VCF_DEMO_DIR/estate.log" >&2; exit 1; }
cat "$VCF_DEMO_DIR/estate.log"

yarn dev --config "$VCF_ROOT/app-config.yaml" --config "$VCF_DEMO_DIR/app-config.demo.yaml" &
pids+=($!)
wait "${pids[-1]}"
