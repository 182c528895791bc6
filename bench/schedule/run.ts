/*
 * bench/schedule: the sync schedule of two replicas of the real backend sharing one PostgreSQL.
 *
 *   - PostgreSQL 15 of its own (scripts/postgres.sh, a temporary folder, a free port);
 *   - the SDDC Manager simulator with N environments of M credentials each, and V vcsim instances (small
 *     inventories) as independent vCenters, every target on a 1-minute interval;
 *   - `yarn build:backend`, the bundle unpacked twice and started as two processes (NODE_ENV=production, free
 *     ports, `vcf.sync.instanceId` replica-a / replica-b), one after the other as a rolling start does;
 *   - once the startup syncs are done, a measuring window of W minutes; then, from the `sync_runs` rows the two
 *     replicas wrote (see scheduleFigures.ts): how late each scheduled run starts against its due time (p50, p95,
 *     max), runs per replica, and double runs (overlapping, or before the slot was due). The replicas' own logs
 *     ("Sync succeeded" / "Sync failed…") are counted too, as a check of the rows that does not read them.
 *
 *   node scripts/run-ts.js bench/schedule/run.ts [--environments 100] [--credentials 500] [--vcenters 20]
 *       [--minutes 4] [--warmup-minutes 8] [--no-build] [--json] [--keep]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import knexFactory, { type Knex } from 'knex';
import { startVcfSimulator } from '@vcf-backstage/vcf-simulator';
import { startVcsim, type VcsimInstance } from '@vcf-backstage/vcsim';
import {
  buildAndUnpack,
  freePort,
  startProductionBackend,
  type ProductionBackend,
} from '../credentials/productionBackend';
import { startPostgres, type PostgresServer } from './postgresServer';
import {
  instanceOf,
  scheduleFigures,
  type RunRow,
  type ScheduleFigures,
  type TargetRow,
} from './scheduleFigures';

const ROOT = resolve(__dirname, '../..');
const REPLICAS = ['replica-a', 'replica-b'];
/** What the sync dispatcher logs when a run ends (SyncDispatcher.runTarget). */
const RUN_END_MESSAGES = new Set([
  'Sync succeeded',
  'Sync failed; the last good data is kept',
]);
const INTERRUPTED_PREFIX = 'The sync was interrupted';

function numberFlag(argv: string[], name: string, fallback: number): number {
  const index = argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(argv[index + 1]);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`--${name} needs a positive number`);
  return value;
}

interface Options {
  environments: number;
  credentials: number;
  vcenters: number;
  minutes: number;
  warmupMinutes: number;
  build: boolean;
  json: boolean;
  keep: boolean;
}

function parseArguments(argv: string[]): Options {
  return {
    environments: numberFlag(argv, 'environments', 100),
    credentials: numberFlag(argv, 'credentials', 500),
    vcenters: numberFlag(argv, 'vcenters', 20),
    minutes: numberFlag(argv, 'minutes', 4),
    warmupMinutes: numberFlag(argv, 'warmup-minutes', 8),
    build: !argv.includes('--no-build'),
    json: argv.includes('--json'),
    keep: argv.includes('--keep'),
  };
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** The app-config of one replica: everything but the port and the instance id is shared. */
function replicaConfig(options: {
  port: number;
  instanceId: string;
  postgres: string;
  encryptionKey: string;
  environments: unknown[];
  vcenters: unknown[];
}) {
  const base = `http://127.0.0.1:${options.port}`;
  return {
    app: { baseUrl: base },
    backend: {
      baseUrl: base,
      listen: { host: '127.0.0.1', port: options.port },
      database: { client: 'pg', connection: options.postgres },
    },
    auth: {
      providers: {
        guest: {
          userEntityRef: 'user:default/east-ops',
          dangerouslyAllowOutsideDevelopment: true,
        },
      },
    },
    permission: { enabled: true },
    vcf: {
      encryption: { key: options.encryptionKey },
      // Concurrency, lease and startup sync at their defaults: the product as shipped.
      sync: { instanceId: options.instanceId },
      environments: options.environments,
      vcenters: options.vcenters,
    },
  };
}

/** Starts vcsim instances a few at a time (each builds its inventory on start). */
async function startVcsims(count: number): Promise<VcsimInstance[]> {
  // Each instance stops its simulator on this process's exit: one listener each.
  process.setMaxListeners(count + 10);
  const started: VcsimInstance[] = [];
  try {
    for (let i = 0; i < count; i += 4) {
      const batch = Math.min(4, count - i);
      started.push(
        ...(await Promise.all(
          Array.from({ length: batch }, () => startVcsim()),
        )),
      );
    }
  } catch (error) {
    await Promise.all(started.map(v => v.stop()));
    throw error;
  }
  return started;
}

async function readRuns(db: Knex): Promise<RunRow[]> {
  const rows = await db('sync_runs').select(
    'id',
    'target_id',
    'trigger',
    'runner',
    'started_at',
    'finished_at',
    'status',
    'error',
  );
  return rows.map(r => ({
    id: Number(r.id),
    targetId: r.target_id,
    trigger: r.trigger,
    runner: r.runner,
    startedAt: new Date(r.started_at),
    finishedAt: r.finished_at ? new Date(r.finished_at) : undefined,
    status: r.status,
    error: r.error,
  }));
}

async function readTargets(db: Knex): Promise<TargetRow[]> {
  const rows = await db('sync_targets').select(
    'id',
    'kind',
    'interval_seconds',
  );
  return rows.map(r => ({
    id: r.id,
    kind: r.kind,
    intervalSeconds: Number(r.interval_seconds),
  }));
}

/**
 * Waits until the startup syncs are over: every target declared and synced once, no startup request pending and
 * no startup run open. Returns false when that takes longer than `timeoutMs`.
 */
async function waitForStartupSyncs(
  db: Knex,
  targetCount: number,
  timeoutMs: number,
  log: (line: string) => void,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let lastLog = 0;
  for (;;) {
    const [targets] = await db('sync_targets').count({ n: '*' });
    const [synced] = await db('sync_targets')
      .whereNotNull('last_finished_at')
      .count({ n: '*' });
    const [requested] = await db('sync_targets')
      .whereNotNull('requested_by')
      .count({ n: '*' });
    const [open] = await db('sync_runs')
      .where({ status: 'running' })
      .whereNot({ trigger: 'schedule' })
      .count({ n: '*' });
    const done =
      Number(targets.n) === targetCount &&
      Number(synced.n) === targetCount &&
      Number(requested.n) === 0 &&
      Number(open.n) === 0;
    if (done) return true;
    if (Date.now() > deadline) return false;
    if (Date.now() - lastLog > 30_000) {
      lastLog = Date.now();
      log(
        `  startup syncs: ${synced.n}/${targetCount} targets synced, ${requested.n} requests pending, ${open.n} running`,
      );
    }
    await sleep(2000);
  }
}

/** Runs that ended, per instance id, as the replicas' logs tell (one JSON line per log event in production). */
function runEndsInLog(logFile: string): number {
  let count = 0;
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const event = JSON.parse(line);
      if (event.plugin === 'vcf' && RUN_END_MESSAGES.has(event.message))
        count++;
    } catch {
      // not a log event
    }
  }
  return count;
}

interface Verdict {
  figure: string;
  value: string;
  target: string;
  met: boolean;
}

function verdicts(figures: ScheduleFigures): Verdict[] {
  const perInstance = REPLICAS.map(
    id => figures.runsPerInstance[id]?.total ?? 0,
  );
  const total = perInstance.reduce((a, b) => a + b, 0);
  const smallestShare = total ? Math.min(...perInstance) / total : 0;
  return [
    {
      figure: 'lateness of scheduled runs, p95',
      value: `${figures.lateness.p95.toFixed(
        1,
      )} s (p50 ${figures.lateness.p50.toFixed(
        1,
      )} s, max ${figures.lateness.max.toFixed(1)} s, ${figures.slots} slots)`,
      target: '≤ 60 s',
      met: figures.lateness.p95 <= 60,
    },
    {
      figure: 'double runs (overlapping or early)',
      value: String(figures.doubleRuns.length),
      target: '0',
      met: figures.doubleRuns.length === 0,
    },
    {
      figure: 'runs per replica',
      value: `${REPLICAS.map((id, i) => `${id} ${perInstance[i]}`).join(
        ', ',
      )} (smaller share ${(smallestShare * 100).toFixed(0)} %)`,
      target: 'both replicas, each ≥ 25 %',
      met: smallestShare >= 0.25,
    },
  ];
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const log = options.json
    ? (_line: string) => {}
    : (line: string) => process.stdout.write(`${line}\n`);
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
  const dirs = REPLICAS.map(id =>
    mkdtempSync(join(tmpdir(), `vcf-bench-schedule-${id}-`)),
  );
  const replicas: ProductionBackend[] = [];
  let postgres: PostgresServer | undefined;
  let vcsims: VcsimInstance[] = [];
  let db: Knex | undefined;
  const simulator = await startVcfSimulator({
    environments: Array.from({ length: options.environments }, (_, i) => ({
      id: `env${String(i + 1).padStart(3, '0')}`,
      credentialCount: options.credentials,
    })),
  });
  try {
    log(
      `bench/schedule: two replicas of the production build on one PostgreSQL, ${
        cpus().length
      } cores, load ${loadavg()
        .map(l => l.toFixed(2))
        .join(' ')}`,
    );
    log(
      `  ${options.environments} environments × ${options.credentials} credentials, ${options.vcenters} vCenters (vcsim), every target every 1 min`,
    );
    buildAndUnpack(ROOT, dirs[0], { build: options.build });
    buildAndUnpack(ROOT, dirs[1], { build: false });
    log(
      `[${elapsed()}] backend ${
        options.build ? 'built and ' : ''
      }unpacked twice`,
    );
    postgres = startPostgres(ROOT, await freePort());
    vcsims = await startVcsims(options.vcenters);
    log(
      `[${elapsed()}] PostgreSQL at ${postgres.connectionString}, ${
        vcsims.length
      } vcsim instances, simulator at ${simulator.url}`,
    );

    const environments = simulator.environments.map(env => ({
      id: env.id,
      title: env.id,
      sddcManager: {
        baseUrl: env.sddcManagerUrl,
        ...env.sddcManagerServiceAccount,
        intervalMinutes: 1,
        tls: { ca: simulator.certificatePem },
      },
    }));
    const vcenters = vcsims.map((vcsim, i) => ({
      id: `vc${String(i + 1).padStart(2, '0')}`,
      title: `vCenter ${i + 1}`,
      baseUrl: vcsim.url,
      username: vcsim.username,
      password: vcsim.password,
      intervalMinutes: 1,
      tls: { ca: vcsim.certificatePem },
    }));
    const encryptionKey = randomBytes(32).toString('base64');
    for (let i = 0; i < REPLICAS.length; i++) {
      const port = await freePort();
      const replica = await startProductionBackend({
        dir: dirs[i],
        port,
        // JSON is YAML.
        configYaml: JSON.stringify(
          replicaConfig({
            port,
            instanceId: REPLICAS[i],
            postgres: postgres.connectionString,
            encryptionKey,
            environments,
            vcenters,
          }),
          null,
          2,
        ),
        logFile: join(dirs[i], 'backend.log'),
      });
      replicas.push(replica);
      log(
        `[${elapsed()}] ${REPLICAS[i]} ready on ${replica.baseUrl} (pid ${
          replica.pid
        })`,
      );
    }

    db = knexFactory({
      client: 'pg',
      connection: `${postgres.connectionString}/backstage_plugin_vcf`,
      pool: { min: 0, max: 2 },
    });
    const targetCount = options.environments + options.vcenters;
    const warmedUp = await waitForStartupSyncs(
      db,
      targetCount,
      options.warmupMinutes * 60_000,
      log,
    );
    log(
      `[${elapsed()}] ${
        warmedUp
          ? 'startup syncs done'
          : `startup syncs NOT done after ${options.warmupMinutes} min; measuring anyway`
      }; measuring ${options.minutes} min`,
    );

    const from = new Date();
    const windowEnd = from.getTime() + options.minutes * 60_000;
    while (Date.now() < windowEnd) {
      await sleep(Math.min(60_000, windowEnd - Date.now()));
      const runs = await readRuns(db);
      const perInstance = new Map<string, number>();
      for (const run of runs.filter(r => r.startedAt >= from))
        perInstance.set(
          instanceOf(run.runner),
          (perInstance.get(instanceOf(run.runner)) ?? 0) + 1,
        );
      log(
        `  [${elapsed()}] runs since the window opened: ${
          [...perInstance].map(([id, n]) => `${id} ${n}`).join(', ') || 'none'
        }; load ${loadavg()[0].toFixed(2)}`,
      );
    }
    const to = new Date();
    const figures = scheduleFigures({
      runs: await readRuns(db),
      targets: await readTargets(db),
      from,
      to,
    });
    const rssMiB = replicas.map(r => r.rssMiB());

    // The logs' count of ended runs beside the rows', once the replicas have stopped writing either.
    await Promise.all(replicas.map(r => r.stop()));
    const finalRuns = await readRuns(db);
    const logCheck = REPLICAS.map((id, i) => ({
      instance: id,
      runEndsInLog: runEndsInLog(join(dirs[i], 'backend.log')),
      finishedRunRows: finalRuns.filter(
        r =>
          instanceOf(r.runner) === id &&
          r.finishedAt &&
          !(r.error ?? '').startsWith(INTERRUPTED_PREFIX),
      ).length,
    }));

    const results = verdicts(figures);
    log('');
    log(
      `window ${figures.windowSeconds.toFixed(0)} s: ${
        figures.runsInWindow
      } runs started, ${figures.failedInWindow} failed${
        figures.firstFailure ? ` (e.g. ${figures.firstFailure})` : ''
      }; ${figures.slots} due slots, ${
        figures.waiting
      } still waiting at the end`,
    );
    log(
      `  run time: ${Object.entries(figures.durationSeconds)
        .map(
          ([kind, d]) =>
            `${kind} p50 ${d.p50.toFixed(1)} s, p95 ${d.p95.toFixed(1)} s`,
        )
        .join('; ')}`,
    );
    for (const [id, counts] of Object.entries(figures.runsPerInstance)) {
      log(
        `  ${id.padEnd(10)} ${String(counts.total).padStart(
          5,
        )} runs (${Object.entries(counts.byKind)
          .map(([kind, n]) => `${kind} ${n}`)
          .join(', ')})`,
      );
    }
    log(
      `  startup syncs: ${figures.startup.runs} runs; ${figures.startup.targetsRunMoreThanOnce} of ${targetCount} targets ran more than once (each replica's start makes every target due)`,
    );
    if (figures.targetsWithoutRun.length)
      log(
        `  targets without a run in the window: ${figures.targetsWithoutRun.length} (e.g. ${figures.targetsWithoutRun[0]})`,
      );
    log(
      `  latest slots: ${figures.latest
        .map(l => `${l.targetId} ${l.latenessSeconds.toFixed(1)} s`)
        .join('; ')}`,
    );
    for (const d of figures.doubleRuns.slice(0, 5))
      log(
        `  double run of ${d.targetId} (${d.reason}): run ${
          d.first.id
        } by ${instanceOf(d.first.runner)} ${d.first.startedAt.toISOString()}–${
          d.first.finishedAt?.toISOString() ?? 'open'
        }, run ${d.second.id} by ${instanceOf(
          d.second.runner,
        )} ${d.second.startedAt.toISOString()}`,
      );
    for (const c of logCheck)
      log(
        `  ${c.instance}: ${c.runEndsInLog} run ends in its log, ${
          c.finishedRunRows
        } finished run rows${
          c.runEndsInLog === c.finishedRunRows ? ' (agree)' : ' (DISAGREE)'
        }`,
      );
    log(
      `  replica RSS at the end of the window: ${rssMiB
        .map((mib, i) => `${REPLICAS[i]} ${mib.toFixed(0)} MiB`)
        .join(', ')}`,
    );
    log(`targets (1-minute interval, ${options.minutes}-minute window):`);
    for (const v of results)
      log(
        `  ${(v.met ? 'MET' : 'MISSED').padEnd(6)} ${v.figure.padEnd(36)} ${
          v.value
        }   target ${v.target}`,
      );
    log(`[${elapsed()}] done; load ${loadavg()[0].toFixed(2)}`);
    if (options.json)
      process.stdout.write(
        `${JSON.stringify({
          options,
          cores: cpus().length,
          loadAverage: loadavg(),
          warmedUp,
          figures: {
            ...figures,
            doubleRuns: figures.doubleRuns.map(d => ({
              targetId: d.targetId,
              reason: d.reason,
              runs: [d.first.id, d.second.id],
            })),
          },
          logCheck,
          rssMiB: Object.fromEntries(REPLICAS.map((id, i) => [id, rssMiB[i]])),
          verdicts: results,
        })}\n`,
      );
  } finally {
    await db?.destroy();
    await Promise.all(replicas.map(r => r.stop()));
    await Promise.all(vcsims.map(v => v.stop()));
    await simulator.stop();
    postgres?.stop();
    if (options.keep) log(`kept ${dirs.join(' and ')}`);
    else for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
