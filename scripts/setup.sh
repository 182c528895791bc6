#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian machine: Debian packages (Go + govmomi for vcsim, Chromium for
# the browser tests, PostgreSQL for the store tests), Node 22 when the machine's Node is older (scripts/env.sh),
# and the npm dependencies from the committed yarn.lock (never re-resolved).
#   scripts/setup.sh          everything the portal needs
#   scripts/setup.sh --test   plus what the test suite needs
#   scripts/setup.sh --bench  plus what the benchmarks' peers need (pyvmomi)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$VCF_ROOT"

packages=(golang-go golang-github-vmware-govmomi-dev)
if [ "${1:-}" = "--bench" ]; then
  packages+=(python3-pyvmomi)
fi
if [ "${1:-}" = "--test" ]; then
  packages+=(chromium)
  command -v initdb >/dev/null 2>&1 || [ -x /usr/local/bin/initdb ] || packages+=(postgresql-15)
fi

missing=()
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != "0" ]; then
    echo "Please install these Debian packages (as root): ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -f node_modules/.yarn-state.yml ] || [ yarn.lock -nt node_modules/.yarn-state.yml ] || [ -n "${CI:-}" ]; then
  yarn install --immutable
fi

# The Go programs (vcsim launcher, govmomi's inventory reader) are built here, once, so that neither a test hook nor
# the demo's start waits minutes for a cold Go build on a busy machine. Up-to-date binaries are kept.
node scripts/run-ts.js packages/vcsim/src/buildTools.ts
