import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { buildVcsim } from './buildVcsim';
import type {
  StartVcsimOptions,
  VcsimCounts,
  VcsimInstance,
  VcsimSamples,
  VcsimStats,
  VcsimTopology,
} from './types';

/**
 * The topology {@link startVcsim} uses for options left out: one datacenter, one cluster of three hosts with two
 * VMs each, two datastores of which both sit in one datastore cluster, one standard and two distributed
 * portgroups, no snapshots, no alarms.
 * @public
 */
export const DEFAULT_VCSIM_TOPOLOGY: VcsimTopology = Object.freeze({
  datacenters: 1,
  clustersPerDatacenter: 1,
  hostsPerCluster: 3,
  vmsPerHost: 2,
  standaloneHostsPerDatacenter: 0,
  datastoresPerDatacenter: 2,
  datastoreClustersPerDatacenter: 1,
  datastoresPerDatastoreCluster: 2,
  standardPortgroupsPerDatacenter: 1,
  distributedPortgroupsPerDatacenter: 2,
  snapshots: 0,
  alarms: 0,
});

const FLAGS: Record<keyof VcsimTopology, string> = {
  datacenters: '-dc',
  clustersPerDatacenter: '-clusters',
  hostsPerCluster: '-hosts',
  vmsPerHost: '-vms',
  standaloneHostsPerDatacenter: '-standalone-hosts',
  datastoresPerDatacenter: '-datastores',
  datastoreClustersPerDatacenter: '-datastore-clusters',
  datastoresPerDatastoreCluster: '-datastores-per-cluster',
  standardPortgroupsPerDatacenter: '-portgroups',
  distributedPortgroupsPerDatacenter: '-dvpgs',
  snapshots: '-snapshots',
  alarms: '-alarms',
};

interface ReadyLine {
  url: string;
  username: string;
  password: string;
  certificatePem: string;
  pid: number;
  counts: VcsimCounts;
  samples: VcsimSamples;
  hostNames: string[];
  buildMs: number;
}

function launcherArguments(
  topology: VcsimTopology,
  options: StartVcsimOptions,
): string[] {
  const args = ['-listen', '127.0.0.1:0', '-exit-on-stdin-eof'];
  for (const key of Object.keys(FLAGS) as Array<keyof VcsimTopology>) {
    args.push(`${FLAGS[key]}=${topology[key]}`);
  }
  if (options.username !== undefined) args.push('-username', options.username);
  if (options.password !== undefined) args.push('-password', options.password);
  if (options.hostDomain !== undefined)
    args.push(`-host-domain=${options.hostDomain}`);
  if (options.defaultPageSize !== undefined)
    args.push(`-default-page-size=${options.defaultPageSize}`);
  if (options.sessionIdleTimeoutMs !== undefined) {
    args.push(`-session-idle-timeout=${options.sessionIdleTimeoutMs}ms`);
  }
  if (options.trace) args.push('-trace');
  return args;
}

/** Calls one of the launcher's `/_test` endpoints over its own TLS certificate. */
function callTestEndpoint<T>(
  baseUrl: string,
  certificatePem: string,
  method: 'GET' | 'POST',
  path: string,
): Promise<T> {
  const url = new URL(path, baseUrl);
  return new Promise((resolvePromise, reject) => {
    const req = request(
      url,
      { method, agent: new Agent({ ca: certificatePem, keepAlive: false }) },
      res => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', chunk => (body += chunk));
        res.on('end', () => {
          if ((res.statusCode ?? 0) >= 300) {
            reject(
              new Error(
                `vcsim answered ${
                  res.statusCode
                } to ${method} ${path}: ${body.trim()}`,
              ),
            );
            return;
          }
          try {
            resolvePromise(JSON.parse(body) as T);
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * Starts vcsim (building it first if needed) on a free port of 127.0.0.1 with the given topology, and resolves
 * once it serves. The process ends with {@link VcsimInstance.stop}, and by itself if this process dies (it exits
 * when its stdin closes). Its temporary datastore files live in /dev/shm when available.
 *
 * Set `VCSIM_DEBUG=1` to see the simulator's stderr.
 * @public
 */
export async function startVcsim(
  options: StartVcsimOptions = {},
): Promise<VcsimInstance> {
  const topology: VcsimTopology = { ...DEFAULT_VCSIM_TOPOLOGY };
  for (const key of Object.keys(FLAGS) as Array<keyof VcsimTopology>) {
    if (options[key] !== undefined) topology[key] = options[key]!;
  }
  const binary = await buildVcsim();
  const tmpRoot = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const tmp = await fs.mkdtemp(join(tmpRoot, 'vcsim-'));

  const child = spawn(binary, launcherArguments(topology, options), {
    env: { ...process.env, TMPDIR: tmp },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stderrTail: string[] = [];
  createInterface({ input: child.stderr! }).on('line', line => {
    if (process.env.VCSIM_DEBUG) process.stderr.write(`[vcsim] ${line}\n`);
    stderrTail.push(line);
    if (stderrTail.length > 30) stderrTail.shift();
  });
  const exited = new Promise<number | null>(resolveExit => {
    child.once('exit', code => resolveExit(code));
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const cleanUp = async () => {
    process.removeListener('exit', killOnExit);
    await fs.rm(tmp, { recursive: true, force: true });
  };

  let ready: ReadyLine;
  try {
    ready = await new Promise<ReadyLine>((resolveReady, reject) => {
      const timeoutMs = options.startTimeoutMs ?? 120_000;
      const timer = setTimeout(
        () => reject(new Error(`vcsim was not ready within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const lines = createInterface({ input: child.stdout! });
      lines.once('line', line => {
        clearTimeout(timer);
        try {
          resolveReady(JSON.parse(line) as ReadyLine);
        } catch {
          reject(
            new Error(
              `vcsim printed an unexpected first line: ${line.slice(0, 200)}`,
            ),
          );
        }
      });
      child.once('error', error => {
        clearTimeout(timer);
        reject(error);
      });
      exited.then(code => {
        clearTimeout(timer);
        reject(
          new Error(
            `vcsim exited with code ${code} before it was ready:\n${stderrTail.join(
              '\n',
            )}`,
          ),
        );
      });
    });
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    await cleanUp();
    throw error;
  }

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      child.stdin?.destroy();
      await cleanUp();
    })();
    return stopping;
  };

  const baseUrl = new URL(ready.url).origin;
  return {
    url: ready.url,
    username: ready.username,
    password: ready.password,
    certificatePem: ready.certificatePem,
    pid: ready.pid,
    topology,
    counts: ready.counts,
    samples: ready.samples,
    hostNames: ready.hostNames,
    buildMs: ready.buildMs,
    async terminateSessions(terminateOptions = {}) {
      const query = terminateOptions.afterRetrieveCalls
        ? `?afterRetrieveCalls=${terminateOptions.afterRetrieveCalls}`
        : '';
      await callTestEndpoint(
        baseUrl,
        ready.certificatePem,
        'POST',
        `/_test/terminate-sessions${query}`,
      );
    },
    stats: () =>
      callTestEndpoint<VcsimStats>(
        baseUrl,
        ready.certificatePem,
        'GET',
        '/_test/stats',
      ),
    stop,
  };
}
