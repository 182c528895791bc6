import knexFactory from 'knex';
import { randomBytes } from 'node:crypto';
import { SecretCipher } from '../../plugins/vcf-backend/src/crypto/SecretCipher';
import { migrateVcfDatabase } from '../../plugins/vcf-backend/src/database/VcfDatabase';
import { DatabaseInventoryStore } from '../../plugins/vcf-backend/src/inventory/DatabaseInventoryStore';
import { DatabaseVcenterStore } from '../../plugins/vcf-backend/src/vcenters/DatabaseVcenterStore';
/*
 * Inventory benchmark: starts vcsim with a large inventory (by default 2 datacenters × 10 clusters × 10 hosts ×
 * 50 VMs = 10,000 VMs), then times, in the same run and against the same simulator:
 *
 *   - "retrieval": the PropertyCollector retrievals of an inventory fetch (one ContainerView per type, paged with
 *     the same maxObjects, same property paths), done by our client, by govmomi (Go) and by pyvmomi (Python);
 *   - "fetch": our complete VsphereInventoryFetcher.fetch() (retrievals + alarms, tasks, events + row mapping);
 *   - "store": the time of an optional hook that writes the fetched inventory (see runInventoryBench);
 *   - peak RSS of each peer's process and of our fetch run once in a process of its own (fetchOnce.ts).
 *
 * Run from the repository root:
 *
 *   node scripts/run-ts.js bench/inventory/run.ts [--iterations 3] [--page-size 1000]
 *       [--dc 2 --clusters 10 --hosts 10 --vms 50] [--no-peers] [--json]
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildGoProgram,
  startVcsim,
  type VcsimInstance,
  type VcsimTopology,
} from '@vcf-backstage/vcsim';
import {
  PropertyCollectorPager,
  VimSoapClient,
  VSPHERE_VIEW_RETRIEVALS,
  VsphereInventoryFetcher,
  type VsphereInventory,
} from '../../plugins/vcf-backend/src/clients/vsphere';

/** Options of {@link runInventoryBench}. */
export interface InventoryBenchOptions {
  topology?: Partial<VcsimTopology>;
  /** maxObjects of every retrieval, ours and the peers' (default 1000). */
  pageSize?: number;
  /** Timed iterations per tool, after one warm-up (default 3); medians are reported. */
  iterations?: number;
  /** Also time govmomi and pyvmomi (default true). */
  peers?: boolean;
  /**
   * Called with each fetched inventory; its duration is reported as "store" and added to "fetch + store". This is
   * the hook for the database write of the inventory sync.
   */
  onFetched?: (inventory: VsphereInventory) => Promise<void>;
  log?: (line: string) => void;
}

/** Timings of one tool: the median and every timed iteration, in ms. */
export interface ToolTiming {
  medianMs: number;
  runsMs: number[];
  objects: number;
  roundTrips: number;
  /** Highest peak resident memory of the tool's process over its runs (peers only; Linux). */
  peakRssMb?: number;
}

/** What {@link runInventoryBench} measured. */
export interface InventoryBenchResult {
  topology: VcsimTopology;
  pageSize: number;
  vcsimBuildMs: number;
  /** Resident memory of the simulator at the end (Linux only). */
  vcsimRssMb?: number;
  retrieval: { ours: ToolTiming; govmomi?: ToolTiming; pyvmomi?: ToolTiming };
  skippedPeers: Record<string, string>;
  fetch: ToolTiming & { rows: Record<string, number>; rssMb: number };
  /** Our fetch once in a process of its own: its peak RSS beside the peers' (Linux). */
  fetchProcess?: {
    ms: number;
    rows: number;
    baselineRssMb: number;
    peakRssMb: number;
  };
  store?: { medianMs: number; fetchPlusStoreMedianMs: number };
  ratios: { oursOverGovmomi?: number; pyvmomiOverOurs?: number };
}

const DEFAULT_TOPOLOGY: Partial<VcsimTopology> = {
  datacenters: 2,
  clustersPerDatacenter: 10,
  hostsPerCluster: 10,
  vmsPerHost: 50,
  datastoresPerDatacenter: 4,
  datastoreClustersPerDatacenter: 1,
  datastoresPerDatastoreCluster: 2,
  standardPortgroupsPerDatacenter: 1,
  distributedPortgroupsPerDatacenter: 2,
  snapshots: 20,
  alarms: 30,
};

const PYTHON = '/usr/bin/python3';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function timing(
  runsMs: number[],
  objects: number,
  roundTrips: number,
): ToolTiming {
  return {
    medianMs: Math.round(median(runsMs)),
    runsMs: runsMs.map(Math.round),
    objects,
    roundTrips,
  };
}

interface RunResult {
  ms: number;
  objects: number;
  roundTrips: number;
  peakRssMb?: number;
}

/** One tool of the retrieval comparison: a function that performs the retrievals once and times them. */
interface RetrievalTool {
  name: 'ours' | 'govmomi' | 'pyvmomi';
  run(): Promise<RunResult>;
  close?(): Promise<void>;
}

/** Our client doing exactly what the peers do: one paged ContainerView retrieval per type. */
async function ourRetrieval(
  vcsim: VcsimInstance,
  pageSize: number,
): Promise<RetrievalTool> {
  const client = VimSoapClient.create({
    url: vcsim.url,
    username: vcsim.username,
    password: vcsim.password,
    tls: { ca: vcsim.certificatePem },
  });
  await client.connect();
  return {
    name: 'ours',
    async run() {
      const pager = PropertyCollectorPager.create({ client, pageSize });
      const started = performance.now();
      let objects = 0;
      for (const retrieval of Object.values(VSPHERE_VIEW_RETRIEVALS)) {
        objects += (
          await pager.retrieveView(retrieval.propSet, retrieval.viewTypes)
        ).length;
      }
      return {
        ms: performance.now() - started,
        objects,
        roundTrips: pager.roundTrips,
      };
    },
    async close() {
      await client.logout();
      await client.close();
    },
  };
}

/** Runs a peer; its peak RSS is the last VmHWM read while it ran (sampled every 20 ms; Linux). */
function runPeer(
  command: string,
  args: string[],
  password: string,
): Promise<{ stdout: string; peakRssMb?: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, PEER_PASSWORD: password },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let peakRssMb: number | undefined;
    const sampler = setInterval(() => {
      processPeakRssMb(child.pid!).then(mb => {
        if (mb !== undefined) peakRssMb = Math.max(peakRssMb ?? 0, mb);
      });
    }, 20);
    child.stdout.on('data', chunk => (stdout += chunk));
    child.stderr.on('data', chunk => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', code => clearInterval(sampler));
    child.on('exit', code =>
      code === 0
        ? resolve({ stdout, peakRssMb })
        : reject(
            new Error(
              `${command} exited with ${code}: ${stderr.trim().slice(-500)}`,
            ),
          ),
    );
  });
}

/** A peer program run once per iteration; it logs in first and reports the time of its retrievals only. */
function peerRetrieval(
  name: 'govmomi' | 'pyvmomi',
  command: string,
  args: string[],
  password: string,
): RetrievalTool {
  return {
    name,
    async run() {
      const { stdout, peakRssMb } = await runPeer(command, args, password);
      const line = stdout.trim().split('\n').pop()!;
      const { iterations } = JSON.parse(line) as { iterations: RunResult[] };
      return { ...iterations[0], peakRssMb };
    },
  };
}

async function processStatusMb(
  pid: number,
  field: 'VmRSS' | 'VmHWM',
): Promise<number | undefined> {
  try {
    const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
    const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 1024) : undefined;
  } catch {
    return undefined;
  }
}

const processRssMb = (pid: number) => processStatusMb(pid, 'VmRSS');
const processPeakRssMb = (pid: number) => processStatusMb(pid, 'VmHWM');

/** Runs the benchmark and returns its figures (also logged line by line through `log`). */
export async function runInventoryBench(
  options: InventoryBenchOptions = {},
): Promise<InventoryBenchResult> {
  const log = options.log ?? (() => {});
  const pageSize = options.pageSize ?? 1000;
  const iterations = options.iterations ?? 3;
  const vcsim = await startVcsim({ ...DEFAULT_TOPOLOGY, ...options.topology });
  const work = await fs.mkdtemp(join(tmpdir(), 'inventory-bench-'));
  log(
    `vcsim: ${vcsim.counts.vms} VMs, ${vcsim.counts.hosts} hosts, built in ${vcsim.buildMs} ms`,
  );
  try {
    const specFile = join(work, 'spec.json');
    const caFile = join(work, 'ca.pem');
    await fs.writeFile(
      specFile,
      JSON.stringify({
        pageSize,
        retrievals: Object.entries(VSPHERE_VIEW_RETRIEVALS).map(
          ([name, r]) => ({ name, ...r }),
        ),
      }),
    );
    await fs.writeFile(caFile, vcsim.certificatePem);
    const peerArgs = [
      '-url',
      vcsim.url,
      '-username',
      vcsim.username,
      '-ca',
      caFile,
      '-spec',
      specFile,
    ];

    const tools: RetrievalTool[] = [await ourRetrieval(vcsim, pageSize)];
    const skippedPeers: Record<string, string> = {};
    if (options.peers !== false) {
      try {
        const binary = await buildGoProgram({
          sourceDir: 'bench/peers/govmomi',
          output: '.tools/bench/govmomi-retrieve',
        });
        tools.push(peerRetrieval('govmomi', binary, peerArgs, vcsim.password));
      } catch (error) {
        skippedPeers.govmomi = (error as Error).message;
      }
      const script = join(__dirname, '../peers/pyvmomi/retrieve.py');
      tools.push(
        peerRetrieval(
          'pyvmomi',
          PYTHON,
          [script, ...peerArgs.map(a => (a.startsWith('-') ? `-${a}` : a))],
          vcsim.password,
        ),
      );
    }

    // Tools take turns, so that a busy machine slows them alike; the first round warms up and is not counted.
    const runs = new Map<string, RunResult[]>(tools.map(t => [t.name, []]));
    for (let i = 0; i <= iterations; i++) {
      for (const tool of tools) {
        if (skippedPeers[tool.name]) continue;
        try {
          const result = await tool.run();
          if (i > 0) runs.get(tool.name)!.push(result);
        } catch (error) {
          skippedPeers[tool.name] = (error as Error).message;
        }
      }
    }
    await Promise.all(tools.map(t => t.close?.()));
    const summarize = (name: string): ToolTiming | undefined => {
      const list = runs.get(name);
      if (!list?.length || skippedPeers[name]) return undefined;
      const peaks = list
        .map(r => r.peakRssMb)
        .filter((mb): mb is number => mb !== undefined);
      return {
        ...timing(
          list.map(r => r.ms),
          list[0].objects,
          list[0].roundTrips,
        ),
        peakRssMb: peaks.length ? Math.max(...peaks) : undefined,
      };
    };
    const ours = summarize('ours')!;
    const govmomi = summarize('govmomi');
    const pyvmomi = summarize('pyvmomi');
    for (const [name, t] of [
      ['ours', ours],
      ['govmomi', govmomi],
      ['pyvmomi', pyvmomi],
    ] as const) {
      if (t)
        log(
          `retrieval  ${name.padEnd(8)} ${t.medianMs} ms (${
            t.objects
          } objects, ${t.roundTrips} round trips; runs ${t.runsMs.join(', ')}${
            t.peakRssMb ? `; process peak RSS ${t.peakRssMb} MiB` : ''
          })`,
        );
      else if (skippedPeers[name])
        log(`retrieval  ${name.padEnd(8)} skipped: ${skippedPeers[name]}`);
    }

    const fetcher = VsphereInventoryFetcher.create({
      vcenterId: 'bench',
      url: vcsim.url,
      username: vcsim.username,
      password: vcsim.password,
      tls: { ca: vcsim.certificatePem },
      pageSize,
    });
    const fetchRuns: number[] = [];
    const storeRuns: number[] = [];
    let last: VsphereInventory | undefined;
    for (let i = 0; i <= iterations; i++) {
      const started = performance.now();
      last = await fetcher.fetch();
      const fetched = performance.now();
      if (options.onFetched) await options.onFetched(last);
      if (i > 0) {
        fetchRuns.push(fetched - started);
        storeRuns.push(performance.now() - fetched);
      }
    }
    const rows = Object.fromEntries(
      Object.entries(last!.rows).map(([kind, list]) => [kind, list.length]),
    );
    const fetch = {
      ...timing(
        fetchRuns,
        Object.values(rows).reduce((a, b) => a + b, 0),
        last!.roundTrips,
      ),
      rows,
      rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
    };
    log(
      `fetch      ours     ${fetch.medianMs} ms (${fetch.objects} rows, ${fetch.roundTrips} SOAP round trips, rss ${fetch.rssMb} MiB)`,
    );
    // Our fetch once more, in a process of its own, for a peak RSS comparable with the peers' processes.
    let fetchProcess: InventoryBenchResult['fetchProcess'];
    try {
      const { stdout } = await runPeer(
        process.execPath,
        [
          join(__dirname, '../../scripts/run-ts.js'),
          join(__dirname, 'fetchOnce.ts'),
          ...[
            '--url',
            vcsim.url,
            '--username',
            vcsim.username,
            '--ca',
            caFile,
            '--page-size',
            String(pageSize),
          ],
        ],
        vcsim.password,
      );
      fetchProcess = JSON.parse(stdout.trim().split('\n').pop()!);
      log(
        `fetch      ours     own process: ${Math.round(
          fetchProcess!.ms,
        )} ms, peak RSS ${fetchProcess!.peakRssMb} MiB (${
          fetchProcess!.baselineRssMb
        } MiB before the fetch: Node and the TypeScript transform)`,
      );
    } catch (error) {
      log(
        `fetch      ours     own process failed: ${(error as Error).message}`,
      );
    }
    const store = options.onFetched
      ? {
          medianMs: Math.round(median(storeRuns)),
          fetchPlusStoreMedianMs: Math.round(
            median(fetchRuns.map((f, i) => f + storeRuns[i])),
          ),
        }
      : undefined;
    if (store)
      log(
        `store      hook     ${store.medianMs} ms; fetch + store ${store.fetchPlusStoreMedianMs} ms`,
      );

    const vcsimRssMb = await processRssMb(vcsim.pid);
    if (vcsimRssMb) log(`vcsim      rss ${vcsimRssMb} MiB`);

    const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    const ratios = {
      oursOverGovmomi: govmomi
        ? ratio(ours.medianMs, govmomi.medianMs)
        : undefined,
      pyvmomiOverOurs: pyvmomi
        ? ratio(pyvmomi.medianMs, ours.medianMs)
        : undefined,
    };
    log(
      `ratios     ours/govmomi ${
        ratios.oursOverGovmomi ?? 'n/a'
      }, pyvmomi/ours ${ratios.pyvmomiOverOurs ?? 'n/a'}`,
    );
    return {
      topology: vcsim.topology,
      pageSize,
      vcsimBuildMs: vcsim.buildMs,
      vcsimRssMb,
      retrieval: { ours, govmomi, pyvmomi },
      skippedPeers,
      fetch,
      fetchProcess,
      store,
      ratios,
    };
  } finally {
    await vcsim.stop();
    await fs.rm(work, { recursive: true, force: true });
  }
}

function parseArguments(
  argv: string[],
): InventoryBenchOptions & { json: boolean } {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    if (i === -1) return undefined;
    const n = Number(argv[i + 1]);
    if (!Number.isInteger(n) || n < 0)
      throw new Error(`--${name} needs a whole number`);
    return n;
  };
  const topology: Partial<VcsimTopology> = {};
  const set = (key: keyof VcsimTopology, name: string) => {
    const v = value(name);
    if (v !== undefined) topology[key] = v;
  };
  set('datacenters', 'dc');
  set('clustersPerDatacenter', 'clusters');
  set('hostsPerCluster', 'hosts');
  set('vmsPerHost', 'vms');
  return {
    topology,
    pageSize: value('page-size'),
    iterations: value('iterations'),
    peers: !argv.includes('--no-peers'),
    json: argv.includes('--json'),
  };
}

// Run when started as a script (directly with the node transform, or through scripts/run-ts.js).
if (process.argv[1] === __filename) {
  const { json, ...options } = parseArguments(process.argv.slice(2));
  (async () => {
    // "store": the plugin's own inventory store writing each fetch into a SQLite file, in one transaction.
    const dir = await fs.mkdtemp(join(tmpdir(), 'vcf-inventory-bench-'));
    const db = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: join(dir, 'vcf.sqlite') },
      useNullAsDefault: true,
    });
    try {
      await migrateVcfDatabase(db);
      await new DatabaseVcenterStore(
        db,
        new SecretCipher(randomBytes(32)),
      ).create({
        id: 'bench',
        title: 'bench',
        baseUrl: 'https://127.0.0.1',
        username: 'bench',
        password: 'bench',
        enabled: true,
        tls: { verify: false },
        intervalMinutes: 15,
      });
      const store = new DatabaseInventoryStore(db);
      const result = await runInventoryBench({
        ...options,
        onFetched: async inventory => {
          await store.replaceVcenterInventory('bench', inventory.rows);
        },
        log: json ? undefined : line => process.stdout.write(`${line}\n`),
      });
      if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
    } finally {
      await db.destroy();
      await fs.rm(dir, { recursive: true, force: true });
    }
  })().catch(error => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exitCode = 1;
  });
}
