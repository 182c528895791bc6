#!/usr/bin/env node
/*
 * Runs a TypeScript entry point without a build step, using the SWC transform
 * that @backstage/cli already ships (the one `backstage-cli package start` uses).
 *
 *   node scripts/run-ts.js <entry.ts> [arguments...]
 */
const path = require('node:path');

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write(
    'Usage: node scripts/run-ts.js <entry.ts> [arguments...]\n',
  );
  process.exit(2);
}

require('@backstage/cli/config/nodeTransform.cjs');

const entryPath = path.resolve(entry);
// The entry sees its own arguments as if it had been started directly.
process.argv = [process.argv[0], entryPath, ...args];
require(entryPath);
