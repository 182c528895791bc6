import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The environment variable that points at the folder with the official VMware
 * OpenAPI specs, overriding the default `<repo root>/../shared/specs`.
 * @public
 */
export const SPECS_DIR_ENV = 'VCF_SPECS_DIR';

/**
 * Where the spec folder is, or why it was not found (so tests can skip saying why).
 * @public
 */
export type SpecFolderLocation =
  | { found: true; dir: string }
  | { found: false; reason: string };

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/** The nearest ancestor (or self) whose package.json declares workspaces: the monorepo root. */
function findRepoRoot(startDir: string): string | undefined {
  let dir = resolve(startDir);
  for (;;) {
    const packageJson = join(dir, 'package.json');
    if (existsSync(packageJson)) {
      try {
        if (JSON.parse(readFileSync(packageJson, 'utf8')).workspaces) {
          return dir;
        }
      } catch {
        // An unreadable package.json is not the root; keep walking up.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) {
      return undefined;
    }
    dir = parent;
  }
}

/**
 * Finds the folder holding the official VMware OpenAPI specs: `$VCF_SPECS_DIR`
 * when set, else `../shared/specs` next to the monorepo root (found from the
 * working directory, or from this file when the working directory is elsewhere).
 *
 * @example
 * ```ts
 * const specs = locateSpecFolder();
 * if (!specs.found) console.warn(`Skipping contract tests: ${specs.reason}`);
 * (specs.found ? describe : describe.skip)('contract', () => { ... });
 * ```
 * @public
 */
export function locateSpecFolder(
  options: { cwd?: string; env?: Record<string, string | undefined> } = {},
): SpecFolderLocation {
  const env = options.env ?? process.env;
  const fromEnv = env[SPECS_DIR_ENV];
  if (fromEnv) {
    const dir = resolve(fromEnv);
    return isDirectory(dir)
      ? { found: true, dir }
      : {
          found: false,
          reason: `spec folder absent: ${SPECS_DIR_ENV}=${fromEnv} is not a directory`,
        };
  }
  // __dirname only serves to walk up to the monorepo root, which works from
  // src/ and from a build output alike.
  // eslint-disable-next-line no-restricted-syntax
  const roots = [options.cwd ?? process.cwd(), __dirname]
    .map(findRepoRoot)
    .filter((root): root is string => root !== undefined);
  for (const root of roots) {
    const dir = resolve(root, '..', 'shared', 'specs');
    if (isDirectory(dir)) {
      return { found: true, dir };
    }
  }
  const looked = roots.length
    ? roots.map(root => resolve(root, '..', 'shared', 'specs')).join(', ')
    : 'no monorepo root found';
  return {
    found: false,
    reason: `spec folder absent (looked in ${looked}; set ${SPECS_DIR_ENV} to use another folder)`,
  };
}
