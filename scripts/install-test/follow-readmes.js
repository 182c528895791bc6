// Applies the "Install" sections of our plugin READMEs to a fresh Backstage app, word for word:
// - every `yarn --cwd <workspace> add <package>` command adds <package> to that workspace, taken from the packed
//   tarball (the packages are not published from here: root `resolutions` point their names at the tarballs);
// - every `backend.add(import('<package>'));` line goes into packages/backend/src/index.ts.
// A README whose Install section lacks one of these steps leaves the app without the plugin, and the install test
// fails further on: fix the README, not this file.
//   node follow-readmes.js <repo root> <app dir> <folder of packed tarballs>
'use strict';
const fs = require('fs');
const path = require('path');

const [repoRoot, appDir, tarballDir] = process.argv.slice(2);
const readJson = file => JSON.parse(fs.readFileSync(file, 'utf8'));
const writeJson = (file, value) =>
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

const pluginDirs = fs
  .readdirSync(tarballDir)
  .filter(name => name.endsWith('.tgz'))
  .map(name => path.join(repoRoot, 'plugins', name.replace(/\.tgz$/, '')));

// Names and versions of our packages, each mapped to its tarball.
const packages = new Map();
for (const dir of pluginDirs) {
  const { name, version } = readJson(path.join(dir, 'package.json'));
  const tarball = path.join(tarballDir, `${path.basename(dir)}.tgz`);
  packages.set(name, { version, tarball });
}

function installSection(readme) {
  const text = fs.readFileSync(readme, 'utf8');
  const start = text.search(/^## Install\b/m);
  if (start < 0) return ''; // vcf-common: installed as a dependency of the others
  const rest = text.slice(start + 1);
  const end = rest.search(/^## /m);
  return end < 0 ? rest : rest.slice(0, end);
}

const adds = [];
const backendLines = [];
for (const dir of pluginDirs) {
  const readme = path.join(dir, 'README.md');
  const section = installSection(readme);
  for (const match of section.matchAll(/^yarn --cwd (\S+) add (.+)$/gm)) {
    for (const name of match[2].trim().split(/\s+/))
      adds.push({ readme, workspace: match[1], name });
  }
  for (const match of section.matchAll(
    /^backend\.add\(import\('([^']+)'\)\);$/gm,
  )) {
    // The catalog module's README repeats the backend plugin's line: add each plugin once.
    if (!backendLines.some(added => added.name === match[1])) {
      backendLines.push({ readme, line: match[0], name: match[1] });
    }
  }
}

// `yarn --cwd <workspace> add <package>`, with the version we packed.
for (const { readme, workspace, name } of adds) {
  const pkg = packages.get(name);
  if (!pkg)
    throw new Error(
      `${readme} installs ${name}, which is not one of our packages`,
    );
  const manifestFile = path.join(appDir, workspace, 'package.json');
  const manifest = readJson(manifestFile);
  manifest.dependencies = {
    ...manifest.dependencies,
    [name]: `^${pkg.version}`,
  };
  writeJson(manifestFile, manifest);
  console.log(
    `${path.relative(repoRoot, readme)}: yarn --cwd ${workspace} add ${name}`,
  );
}

// The backend.add lines, before backend.start().
const indexFile = path.join(appDir, 'packages/backend/src/index.ts');
let index = fs.readFileSync(indexFile, 'utf8');
for (const { readme, line, name } of backendLines) {
  const backendManifest = readJson(
    path.join(appDir, 'packages/backend/package.json'),
  );
  if (!backendManifest.dependencies[name]) {
    throw new Error(
      `${readme} adds ${name} to the backend but no install command of a README installs it there`,
    );
  }
  index = index.replace(
    /^backend\.start\(\);$/m,
    `${line}\n\nbackend.start();`,
  );
  console.log(`${path.relative(repoRoot, readme)}: ${line}`);
}
fs.writeFileSync(indexFile, index);

// The registry has no @vcf-backstage packages: resolve their names (also as dependencies of each other) to the
// tarballs. Plus the pins our own root package.json carries for gaps of this registry's copy of npm.
const rootFile = path.join(appDir, 'package.json');
const root = readJson(rootFile);
const ours = readJson(path.join(repoRoot, 'package.json'));
root.resolutions = { ...root.resolutions, ...ours.resolutions };
for (const [name, { tarball }] of packages)
  root.resolutions[name] = `file:${tarball}`;
writeJson(rootFile, root);
