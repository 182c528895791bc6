import { execFile } from 'node:child_process';
import { existsSync, promises as fs, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** The repository root (this file is packages/vcsim/src/buildVcsim.ts). */
export const repoRoot = resolve(
  dirname(require.resolve('@vcf-backstage/vcsim/package.json')),
  '../..',
);

/** Where Debian's golang-github-vmware-govmomi-dev puts govmomi (GOPATH layout). */
const DEBIAN_GOPATH = '/usr/share/gocode';

const INSTALL_HINT =
  'install them with: apt-get install -y golang-go golang-github-vmware-govmomi-dev';

/**
 * Options of {@link buildGoProgram}.
 * @public
 */
export interface BuildGoProgramOptions {
  /** Package directory to build, relative to the repository root, e.g. `tools/vcsim`. */
  sourceDir: string;
  /** Output binary, relative to the repository root, e.g. `.tools/vcsim/vcsim` (keep it under the ignored `.tools/`). */
  output: string;
  /** Rebuild even when the binary is newer than every source file. */
  force?: boolean;
}

/** GOPATH with govmomi: `VCSIM_GOPATH`, else Debian's. */
function goPath(): string {
  return process.env.VCSIM_GOPATH ?? DEBIAN_GOPATH;
}

async function newestSourceMtime(dir: string): Promise<number> {
  const entries = await fs.readdir(dir);
  let newest = 0;
  for (const entry of entries) {
    if (entry.endsWith('.go')) {
      newest = Math.max(newest, statSync(join(dir, entry)).mtimeMs);
    }
  }
  return newest;
}

async function assertToolchain(): Promise<void> {
  try {
    await execFileAsync('go', ['version'], { env: process.env });
  } catch {
    throw new Error(`The Go toolchain (go) is not on PATH; ${INSTALL_HINT}`);
  }
  const simulator = join(goPath(), 'src/github.com/vmware/govmomi/simulator');
  if (!existsSync(simulator)) {
    throw new Error(
      `govmomi is not installed (no ${simulator}); ${INSTALL_HINT}`,
    );
  }
}

const builds = new Map<string, Promise<string>>();

/**
 * Builds a Go program of this repository against the system's govmomi (GOPATH mode, no module download), once per
 * process, and again whenever one of its `.go` files is newer than the binary. Concurrent builds (parallel jest
 * workers) are safe: each writes a temporary file and renames it into place.
 *
 * @returns the absolute path of the binary
 * @public
 */
export function buildGoProgram(
  options: BuildGoProgramOptions,
): Promise<string> {
  const key = `${options.sourceDir}→${options.output}`;
  let build = builds.get(key);
  if (!build || options.force) {
    build = doBuild(options);
    builds.set(key, build);
    build.catch(() => builds.delete(key));
  }
  return build;
}

async function doBuild(options: BuildGoProgramOptions): Promise<string> {
  const sourceDir = resolve(repoRoot, options.sourceDir);
  const output = resolve(repoRoot, options.output);
  const newestSource = await newestSourceMtime(sourceDir);
  if (
    !options.force &&
    existsSync(output) &&
    statSync(output).mtimeMs >= newestSource
  ) {
    return output;
  }
  await assertToolchain();
  await fs.mkdir(resolve(output, '..'), { recursive: true });
  const temporary = `${output}.${process.pid}.${Date.now()}.tmp`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GOPATH: goPath(),
    GO111MODULE: 'off',
  };
  if (!env.GOCACHE && !env.HOME && !env.XDG_CACHE_HOME) {
    env.GOCACHE = resolve(repoRoot, '.tools/go-build-cache');
  }
  try {
    await execFileAsync(
      'go',
      ['build', '-o', temporary, `./${options.sourceDir}`],
      {
        cwd: repoRoot,
        env,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    await fs.rename(temporary, output);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(
      `Building ${options.sourceDir} failed${
        stderr ? `:\n${stderr}` : ''
      }\n(it needs Go and govmomi; ${INSTALL_HINT})`,
    );
  }
  return output;
}

/**
 * Builds the vcsim launcher (`tools/vcsim`) into `.tools/vcsim/vcsim` unless the binary is up to date.
 *
 * @returns the absolute path of the binary
 * @public
 */
export function buildVcsim(options: { force?: boolean } = {}): Promise<string> {
  return buildGoProgram({
    sourceDir: 'tools/vcsim',
    output: '.tools/vcsim/vcsim',
    force: options.force,
  });
}

/**
 * Builds `tools/govmomi-inventory` (govmomi's own reading of an inventory, which the vcsim integration tests compare
 * ours with) into `.tools/govmomi-inventory` unless the binary is up to date.
 *
 * @returns the absolute path of the binary
 * @public
 */
export function buildGovmomiInventory(
  options: { force?: boolean } = {},
): Promise<string> {
  return buildGoProgram({
    sourceDir: 'tools/govmomi-inventory',
    output: '.tools/govmomi-inventory',
    force: options.force,
  });
}
