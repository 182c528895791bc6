/*
 * The demo backend as it runs in production: `yarn build:backend` makes packages/backend/dist/bundle.tar.gz (the
 * backend and our plugins compiled to dist/, with their production package.json), which is unpacked into a
 * folder and started with `node packages/backend`. Third-party dependencies come from the repository's
 * node_modules (a production image would `yarn workspaces focus --production` them; the code is the same).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A started backend process. */
export interface ProductionBackend {
  baseUrl: string;
  pid: number;
  /** Resident memory of the backend process now, in MiB (Linux). */
  rssMiB(): number;
  /** CPU time the backend process has used so far (user + system), in ms (Linux). */
  cpuMs(): number;
  /** Stops the backend (TERM, KILL after 20 s). */
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Builds the backend bundle (`yarn build:backend`) and unpacks it into `dir`, linked to the repository's node_modules. */
export function buildAndUnpack(
  root: string,
  dir: string,
  options: { build: boolean },
) {
  if (options.build) {
    execFileSync('yarn', ['build:backend'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  execFileSync('tar', [
    'xzf',
    join(root, 'packages/backend/dist/bundle.tar.gz'),
    '-C',
    dir,
  ]);
  // node_modules: every third-party package from the repository; our own packages from the bundle (dist).
  const modules = join(dir, 'node_modules');
  mkdirSync(join(modules, '@vcf-backstage'), { recursive: true });
  const bundled = new Map<string, string>();
  for (const folder of ['plugins', 'packages']) {
    for (const name of readdirSync(join(dir, folder))) {
      const pkg = JSON.parse(
        readFileSync(join(dir, folder, name, 'package.json'), 'utf8'),
      );
      bundled.set(pkg.name, join(dir, folder, name));
    }
  }
  for (const [name, folder] of bundled)
    symlinkSync(folder, join(modules, name));
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (name === '@vcf-backstage' || name === '.bin' || bundled.has(name))
      continue;
    symlinkSync(join(root, 'node_modules', name), join(modules, name));
  }
}

/** Starts the unpacked backend with the given app-config (YAML text) and waits for `/api/vcf/health`. */
export async function startProductionBackend(options: {
  dir: string;
  port: number;
  configYaml: string;
  env?: Record<string, string>;
  /** Extra arguments of `node` (e.g. `--cpu-prof`). */
  nodeArgs?: string[];
  logFile: string;
}): Promise<ProductionBackend> {
  const configFile = join(options.dir, 'app-config.bench.yaml');
  writeFileSync(configFile, options.configYaml);
  const { openSync } = await import('node:fs');
  const log = openSync(options.logFile, 'a');
  const child: ChildProcess = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), 'packages/backend', '--config', configFile],
    {
      cwd: options.dir,
      env: { ...process.env, NODE_ENV: 'production', ...options.env },
      stdio: ['ignore', log, log],
    },
  );
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited)
      throw new Error(
        `The backend exited while starting; see ${options.logFile}`,
      );
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `The backend did not answer /api/vcf/health in 180 s; see ${options.logFile}`,
      );
    }
    try {
      if ((await fetch(`${baseUrl}/api/vcf/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  return {
    baseUrl,
    pid: child.pid!,
    rssMiB: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    },
    cpuMs: () => {
      // /proc/<pid>/stat: utime and stime are fields 14 and 15, in clock ticks (100 per second on Linux);
      // the command name (field 2) is in parentheses and may hold spaces, so count from after it.
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
    stop: async () => {
      if (exited) return;
      const done = new Promise(resolve => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await done;
      clearTimeout(timer);
    },
  };
}
