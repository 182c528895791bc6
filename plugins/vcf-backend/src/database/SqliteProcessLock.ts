import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';

interface LockOwner {
  pid: number;
  hostname: string;
  startedAt: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8'));
    return typeof owner?.pid === 'number' ? owner : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Keeps a SQLite database file to one backend process. SQLite lets two processes open the same file, but two
 * backends then sync into it at once and fail with "database is locked"; several instances need PostgreSQL.
 * The lock is a file beside the database holding the owner's pid; a lock whose process is gone (killed, crashed)
 * is taken over.
 * @internal
 */
export class SqliteProcessLock {
  private constructor(private readonly path: string) {}

  /** Takes the lock of `databaseFile`, or throws a message that names the other process and the way out. */
  static acquire(databaseFile: string): SqliteProcessLock {
    const path = `${databaseFile}.lock`;
    const me: LockOwner = {
      pid: process.pid,
      hostname: hostname(),
      startedAt: new Date().toISOString(),
    };
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        writeFileSync(path, JSON.stringify(me), { flag: 'wx' });
        return new SqliteProcessLock(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const owner = readOwner(path);
      const elsewhere = owner && owner.hostname !== me.hostname;
      if (
        owner &&
        owner.pid !== process.pid &&
        (elsewhere || isAlive(owner.pid))
      ) {
        throw new Error(
          `The VCF plugin's SQLite database ${databaseFile} is in use by another backend process (pid ${owner.pid} ` +
            `on ${owner.hostname}, since ${owner.startedAt}). SQLite serves one backend process: stop the other ` +
            'one, or use PostgreSQL (backend.database.client: pg) to run several instances. If that process is ' +
            `gone, delete ${path}.`,
        );
      }
      // Left by a process that is gone (or by this one): take it over.
      unlinkSync(path);
    }
    throw new Error(
      `Could not take the lock ${path} of the VCF plugin's SQLite database`,
    );
  }

  /** Gives the lock up (at shutdown). */
  release(): void {
    if (readOwner(this.path)?.pid !== process.pid) return;
    try {
      unlinkSync(this.path);
    } catch {
      // Already gone.
    }
  }
}
