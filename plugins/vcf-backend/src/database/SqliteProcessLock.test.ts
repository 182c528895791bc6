import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import knexFactory, { type Knex } from 'knex';
import type {
  DatabaseService,
  LifecycleService,
} from '@backstage/backend-plugin-api';
import { SqliteProcessLock } from './SqliteProcessLock';
import { openVcfDatabase } from './VcfDatabase';

/**
 * A second backend process, reduced to what matters here: it takes the lock of `file` with the real
 * {@link SqliteProcessLock} (TypeScript loaded through sucrase) and reports one line, `locked` or `refused: …`.
 * It holds the lock until its stdin closes.
 */
function startOtherProcess(file: string): {
  child: ChildProcess;
  firstLine: Promise<string>;
} {
  const script = `
    const { SqliteProcessLock } = require(${JSON.stringify(
      require.resolve('./SqliteProcessLock'),
    )});
    let lock;
    try {
      lock = SqliteProcessLock.acquire(${JSON.stringify(file)});
    } catch (error) {
      console.log('refused: ' + error.message.replace(/\\n/g, ' '));
      process.exit(3);
    }
    console.log('locked');
    process.stdin.on('end', () => { lock.release(); process.exit(0); });
    process.stdin.resume();
  `;
  const child = spawn(
    process.execPath,
    ['-r', require.resolve('sucrase/register/ts'), '-e', script],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout! });
  const firstLine = once(lines, 'line').then(([line]) => line as string);
  return { child, firstLine };
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.stdin!.end();
  await exited;
}

describe('SqliteProcessLock', () => {
  let dir: string;
  let file: string;
  const children: ChildProcess[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vcf-sqlite-lock-'));
    file = join(dir, 'vcf.sqlite');
  });

  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await once(child, 'exit');
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a second process while the first holds the database, naming it and the way out', async () => {
    const other = startOtherProcess(file);
    children.push(other.child);
    expect(await other.firstLine).toBe('locked');

    expect(() => SqliteProcessLock.acquire(file)).toThrow(
      new RegExp(
        `in use by another backend process \\(pid ${other.child.pid} `,
      ),
    );
    expect(() => SqliteProcessLock.acquire(file)).toThrow(/use PostgreSQL/);

    // Once the other process gives the lock up, this one gets it.
    await stop(other.child);
    const lock = SqliteProcessLock.acquire(file);
    expect(existsSync(`${file}.lock`)).toBe(true);
    lock.release();
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('takes over the lock of a process that was killed', async () => {
    const other = startOtherProcess(file);
    children.push(other.child);
    expect(await other.firstLine).toBe('locked');
    other.child.kill('SIGKILL');
    await once(other.child, 'exit');
    expect(existsSync(`${file}.lock`)).toBe(true);

    const lock = SqliteProcessLock.acquire(file);
    lock.release();
  });

  describe('through openVcfDatabase', () => {
    let knex: Knex | undefined;
    afterEach(async () => {
      await knex?.destroy();
      knex = undefined;
    });

    it('locks the SQLite file against a second process, with WAL and a busy timeout, until shutdown', async () => {
      knex = knexFactory({
        client: 'better-sqlite3',
        connection: { filename: file },
        useNullAsDefault: true,
      });
      const shutdownHooks: Array<() => void | Promise<void>> = [];
      const lifecycle = {
        addShutdownHook: (hook: () => void | Promise<void>) =>
          shutdownHooks.push(hook),
        addStartupHook: () => {},
      } as unknown as LifecycleService;
      const database = {
        getClient: async () => knex!,
        migrations: { skip: true },
      } as DatabaseService;

      await openVcfDatabase(database, { lifecycle });
      const [journal] = await knex.raw('PRAGMA journal_mode');
      expect(journal.journal_mode).toBe('wal');
      const [busy] = await knex.raw('PRAGMA busy_timeout');
      // 10 s, the plugin's setting (better-sqlite3 alone waits 5 s).
      expect(Object.values(busy)[0]).toBe(10_000);

      const second = startOtherProcess(file);
      children.push(second.child);
      const [line, [code]] = await Promise.all([
        second.firstLine,
        once(second.child, 'exit'),
      ]);
      expect(line).toMatch(
        new RegExp(
          `^refused: .*in use by another backend process \\(pid ${process.pid} `,
        ),
      );
      expect(code).toBe(3);

      // At shutdown the lock is given up, and another process can then open the database.
      expect(shutdownHooks).toHaveLength(1);
      await shutdownHooks[0]();
      const third = startOtherProcess(file);
      children.push(third.child);
      expect(await third.firstLine).toBe('locked');
      await stop(third.child);
    });
  });
});
