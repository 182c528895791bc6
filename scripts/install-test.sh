#!/usr/bin/env bash
# Install test: proves that our four plugin packages, as they would be published, install and start in a Backstage
# app that is not ours. It builds and packs the packages (`backstage-cli package build` + `yarn pack`, which runs
# `backstage-cli package prepack`), creates a fresh app from the current Backstage template (@backstage/create-app),
# follows the Install sections of our plugin READMEs (the `yarn --cwd … add …` commands and the backend's
# `backend.add(import(…))` lines are read from the READMEs themselves, so a wrong README fails this test), installs
# with the project's registry settings, type-checks and builds the app, starts its backend with a minimal config
# (SQLite, an encryption key, guest sign-in) and calls `/api/vcf/health` and an authenticated route.
#
#   scripts/install-test.sh            run it (about 5 minutes on 2 cores with a warm yarn cache)
#   VCF_INSTALL_TEST_KEEP=1 …          keep the temporary app for inspection
#
# The yarn cache of the repository (.yarn/cache) is reused (hard-linked), so only the packages the template needs
# beyond ours are downloaded, once. Runs on its own free port: it does not need the portal lock.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/env.sh"
cd "$VCF_ROOT"

# The app template of the Backstage release in backstage.json (1.55); bump both together.
create_app_version="${VCF_CREATE_APP_VERSION:-0.9.2}"
plugins=(vcf-common vcf vcf-backend catalog-backend-module-vcf)

work="$(mktemp -d /tmp/vcf-install-test.XXXXXX)"
app="$work/app"
backend_pid=""
cleanup() {
  if [ -n "$backend_pid" ]; then kill -- "-$backend_pid" 2>/dev/null || true; fi
  if [ -n "${VCF_INSTALL_TEST_KEEP:-}" ]; then echo "Kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
started=$SECONDS
step() { echo; echo "=== install test: $1 ($((SECONDS - started)) s)"; }

step "Build and pack ${plugins[*]}"
yarn tsc
mkdir -p "$work/packages"
for plugin in "${plugins[@]}"; do
  (cd "plugins/$plugin" && yarn backstage-cli package build && yarn pack --out "$work/packages/$plugin.tgz" >/dev/null)
done
ls -l "$work/packages"

step "Create an app from @backstage/create-app@$create_app_version"
# --skip-install: the install below uses the project's yarn, registry and cache settings (scripts/env.sh).
(cd "$work" && BACKSTAGE_APP_NAME=vcf-install-test npx --yes "@backstage/create-app@$create_app_version" \
  --skip-install --path "$app" </dev/null)

step "Follow the plugin READMEs"
# The template's lockfile seed is fetched from GitHub, which CI cannot reach: seed it with ours (the same Backstage
# release, resolved against this registry); yarn keeps the entries the app uses and resolves the rest.
cp yarn.lock "$app/yarn.lock"
node "$here/install-test/follow-readmes.js" "$VCF_ROOT" "$app" "$work/packages"
git -C "$app" diff --stat || true

step "Install"
# A cache of its own, seeded with hard links to the repository's cache: yarn prunes a project's cache of what the
# project does not use, so sharing the folder would delete the repository's entries (and the other way round).
# Kept between runs (.yarn/ is ignored), so the packages only the template uses are downloaded once.
cache="$VCF_ROOT/.yarn/install-test-cache"
mkdir -p "$cache"
if [ -d "$VCF_ROOT/.yarn/cache" ]; then cp -aln "$VCF_ROOT/.yarn/cache/." "$cache/" 2>/dev/null || true; fi
# The new app resolves the template's own dependencies (our yarn.lock only seeds it), so the install may write its
# lockfile even where yarn would default to an immutable install (CI=true).
(cd "$app" && YARN_CACHE_FOLDER="$cache" YARN_ENABLE_IMMUTABLE_INSTALLS=false yarn install)

step "Type check and build"
# build:backend builds the app too (the backend bundles it), so the app is not built a second time.
(cd "$app" && yarn tsc && yarn build:backend)
# The app discovers the frontend plugin (app.packages: all) at build time: its code must be in the bundle.
grep -rqs "vcf-backstage.io/environment" "$app/packages/app/dist/static" ||
  { echo "the app bundle does not contain @vcf-backstage/plugin-vcf" >&2; exit 1; }

step "Start the backend"
port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
base="http://127.0.0.1:$port"
cat >"$work/app-config.install-test.yaml" <<YAML
backend:
  baseUrl: $base
  listen: { host: 127.0.0.1, port: $port }
  database: { client: better-sqlite3, connection: ':memory:' }
auth:
  providers:
    guest: {}
vcf:
  encryption:
    key: $(node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))')
YAML
(cd "$app/packages/backend" && exec setsid yarn start --config ../../app-config.yaml \
  --config "$work/app-config.install-test.yaml" >"$work/backend.log" 2>&1) &
backend_pid=$!
health=""
for _ in $(seq 1 180); do
  if health="$(curl -fsS "$base/api/vcf/health" 2>/dev/null)"; then break; fi
  if ! kill -0 "$backend_pid" 2>/dev/null; then break; fi
  sleep 1
done
if [ -z "$health" ]; then
  tail -n 80 "$work/backend.log" >&2
  echo "the backend did not answer /api/vcf/health" >&2
  exit 1
fi
echo "GET /api/vcf/health → $health"

step "Call an authenticated route"
status="$(curl -s -o /dev/null -w '%{http_code}' "$base/api/vcf/environments")"
[ "$status" = 401 ] || { echo "GET /api/vcf/environments without a token answered $status, expected 401" >&2; exit 1; }
token="$(curl -fsS -H 'X-Requested-With: XMLHttpRequest' "$base/api/auth/guest/refresh" |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).backstageIdentity.token))')"
environments="$(curl -fsS -H "Authorization: Bearer $token" "$base/api/vcf/environments")"
echo "GET /api/vcf/environments (guest) → $environments"
node -e 'const b=JSON.parse(process.argv[1]); if(!Array.isArray(b)) throw new Error("not a list")' "$environments"

step "Passed"
