import type { Knex } from 'knex';
import { nowIso } from '../database/rowValues';

function isDuplicateKey(error: unknown): boolean {
  const { code, message } = (error ?? {}) as {
    code?: string;
    message?: string;
  };
  return (
    code === '23505' || // PostgreSQL unique_violation
    code === 'ER_DUP_ENTRY' ||
    (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) ||
    /UNIQUE constraint failed/i.test(message ?? '')
  );
}

/**
 * The notices already sent (`notification_deliveries`). A notice is claimed before it is sent; the table's
 * primary key lets exactly one backend instance, and one dispatcher tick, win the claim.
 * @internal
 */
export class NotificationLedger {
  /** A store on the plugin's database, migrated by `openVcfDatabase`. */
  static create(options: { db: Knex }): NotificationLedger {
    return new NotificationLedger(options.db);
  }

  private constructor(private readonly db: Knex) {}

  /** Records the notice; false when it was recorded before (by this or another instance). */
  async claim(
    noticeKey: string,
    topic: string,
    now = new Date(),
  ): Promise<boolean> {
    try {
      await this.db('notification_deliveries').insert({
        notice_key: noticeKey,
        topic,
        sent_at: nowIso(now),
      });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** Forgets a claim whose notice could not be sent, so that a later attempt sends it. */
  async release(noticeKey: string): Promise<void> {
    await this.db('notification_deliveries')
      .where({ notice_key: noticeKey })
      .delete();
  }

  /** Removes records older than the date (they can no longer be claimed again by the same event). */
  async prune(before: Date): Promise<number> {
    return this.db('notification_deliveries')
      .where('sent_at', '<', nowIso(before))
      .delete();
  }
}
