/*
 * bench/credentials: how fast the credential path is on this machine.
 *   - sync of N credentials from the simulator (HTTPS, paged) into SQLite (one transaction, encrypted)
 *   - list latency p50/p95 and requests/s with 50 concurrent clients against the real /api/vcf router
 *   - CSV and XLSX export time of all N rows (streamed)
 *
 *   node scripts/run-ts.js bench/credentials/run.ts [--credentials 10000] [--requests 3000] [--concurrency 50]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AddressInfo } from 'node:net';
import express from 'express';
import knexFactory from 'knex';
import { randomBytes } from 'node:crypto';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createConditionAuthorizer, createConditionTransformer } from '@backstage/plugin-permission-node';
import { startVcfSimulator } from '@vcf-backstage/vcf-simulator';
import { SecretCipher } from '../../plugins/vcf-backend/src/crypto/SecretCipher';
import { migrateVcfDatabase } from '../../plugins/vcf-backend/src/database/VcfDatabase';
import { DatabaseEnvironmentStore } from '../../plugins/vcf-backend/src/environments/DatabaseEnvironmentStore';
import { EnvironmentService } from '../../plugins/vcf-backend/src/environments/EnvironmentService';
import { DatabaseCredentialStore } from '../../plugins/vcf-backend/src/credentials/DatabaseCredentialStore';
import { CredentialSyncRunner } from '../../plugins/vcf-backend/src/credentials/CredentialSyncRunner';
import { DatabaseSyncTargetStore } from '../../plugins/vcf-backend/src/sync/DatabaseSyncTargetStore';
import { AuditStore } from '../../plugins/vcf-backend/src/audit/AuditStore';
import { VcfAuditLog } from '../../plugins/vcf-backend/src/audit/VcfAuditLog';
import { vcfCredentialRuleset, vcfEnvironmentRuleset } from '../../plugins/vcf-backend/src/permissions/rulesets';
import { createRouter } from '../../plugins/vcf-backend/src/service/createRouter';

/** Plain stand-ins for the Backstage services the stores and router take (no jest here). */
const quietLogger: any = { debug() {}, info() {}, warn() {}, error() {}, child: () => quietLogger };
const benchUser = { $$type: '@backstage/BackstageCredentials', principal: { type: 'user', userEntityRef: 'user:default/bench' } };
const httpAuth: any = { credentials: async () => benchUser, issueUserCookie: async () => ({ expiresAt: new Date() }) };
const auditor: any = { createEvent: async () => ({ success: async () => {}, fail: async () => {} }) };

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function report(name: string, value: number, unit: string, target?: number) {
  const verdict = target === undefined ? '' : value <= target ? `  (target ≤ ${target} ${unit}: met)` : `  (target ≤ ${target} ${unit}: MISSED)`;
  process.stdout.write(`${name.padEnd(34)} ${value.toFixed(unit === 'req/s' ? 0 : 1).padStart(9)} ${unit}${verdict}\n`);
}

async function main() {
  const credentialCount = flag('credentials', 10_000);
  const requestCount = flag('requests', 3000);
  const concurrency = flag('concurrency', 50);
  const dir = mkdtempSync(join(tmpdir(), 'vcf-bench-'));
  const simulator = await startVcfSimulator({ environments: [{ id: 'bench', credentialCount }] });
  const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: join(dir, 'vcf.sqlite') }, useNullAsDefault: true });
  try {
    await migrateVcfDatabase(knex);
    const cipher = new SecretCipher(randomBytes(32));
    const logger = quietLogger;
    const environments = new DatabaseEnvironmentStore(knex, cipher);
    const credentials = new DatabaseCredentialStore(knex, cipher);
    const syncTargets = new DatabaseSyncTargetStore(knex);
    const auditStore = new AuditStore(knex);
    const environmentService = new EnvironmentService({ environments, credentials, syncTargets, logger });
    const env = simulator.environments[0];
    await environmentService.applyConfig([
      {
        id: 'bench',
        title: 'Bench',
        discoverVcenters: false,
        endpoints: {
          'sddc-manager': { baseUrl: env.sddcManagerUrl, ...env.sddcManagerServiceAccount, tls: { verify: true, ca: simulator.certificatePem }, intervalMinutes: 30 },
        },
      },
    ]);
    const runner = new CredentialSyncRunner({ environments, credentials });
    const target = (await syncTargets.getTarget('credentials:bench:sddc-manager'))!;

    process.stdout.write(`bench/credentials on ${require('node:os').cpus().length} cores, SQLite, ${credentialCount} credentials\n`);
    let started = performance.now();
    await runner.run(target, { logger });
    report('first sync (fetch + write)', performance.now() - started, 'ms', 3000);
    simulator.rotatePassword('bench');
    started = performance.now();
    await runner.run(target, { logger });
    report('second sync (1 password changed)', performance.now() - started, 'ms');

    const router = createRouter({
      httpAuth,
      permissions: {
        authorize: async (requests: any[]) => requests.map(() => ({ result: AuthorizeResult.ALLOW })),
        authorizeConditional: async (requests: any[]) => requests.map(() => ({ result: AuthorizeResult.ALLOW })),
      } as any,
      environmentService,
      environments,
      credentials,
      syncTargets,
      auditStore,
      audit: new VcfAuditLog(auditor, auditStore),
      environmentFilter: createConditionTransformer(vcfEnvironmentRuleset),
      credentialFilter: createConditionTransformer(vcfCredentialRuleset),
      isCredentialAllowed: createConditionAuthorizer(vcfCredentialRuleset) as any,
      onSyncRequested: () => {},
    });
    const server = express().use(router).listen(0, '127.0.0.1');
    await new Promise(resolve => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const { latencies, seconds: elapsed } = await new Promise<{ latencies: number[]; seconds: number }>(
      (resolve, reject) => {
        const worker = new Worker(join(__dirname, 'listLoad.worker.js'), {
          workerData: { base, requestCount, concurrency, credentialCount },
        });
        worker.once('message', resolve);
        worker.once('error', reject);
      },
    );
    report(`list p50 (${concurrency} concurrent)`, percentile(latencies, 50), 'ms');
    report(`list p95 (${concurrency} concurrent)`, percentile(latencies, 95), 'ms', 50);
    report('list throughput', requestCount / elapsed, 'req/s');

    for (const [format, targetMs] of [['csv', 300], ['xlsx', 1500]] as const) {
      started = performance.now();
      const res = await fetch(`${base}/environments/bench/export?format=${format}`);
      const bytes = (await res.arrayBuffer()).byteLength;
      if (!res.ok) throw new Error(`export answered ${res.status}`);
      report(`${format.toUpperCase()} export (${(bytes / 1024).toFixed(0)} KiB)`, performance.now() - started, 'ms', targetMs);
    }
    server.close();
  } finally {
    await knex.destroy();
    await simulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
