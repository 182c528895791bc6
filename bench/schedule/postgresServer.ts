/*
 * A throw-away PostgreSQL server of the bench's own (scripts/postgres.sh) in a temporary folder on a free port:
 * never the shared test servers.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A started PostgreSQL server. */
export interface PostgresServer {
  /** `postgresql://postgres@127.0.0.1:PORT` */
  connectionString: string;
  /** Stops the server and removes its data folder. */
  stop(): void;
}

/** Starts PostgreSQL 15 with scripts/postgres.sh on `port`, its data in a new temporary folder. */
export function startPostgres(root: string, port: number): PostgresServer {
  // In /tmp itself: the script hands the folder to the postgres user, who could not enter a 0700 parent.
  const dataDir = mkdtempSync(join(tmpdir(), 'vcf-bench-schedule-pg-'));
  const script = join(root, 'scripts/postgres.sh');
  const connectionString = execFileSync(
    script,
    ['start', dataDir, String(port)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  ).trim();
  return {
    connectionString,
    stop: () => {
      execFileSync(script, ['stop', dataDir, String(port)], {
        stdio: 'ignore',
      });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
