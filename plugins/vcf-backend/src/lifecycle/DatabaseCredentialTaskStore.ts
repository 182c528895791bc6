import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import {
  FINISHED_CREDENTIAL_TASK_STATUSES,
  type CredentialOperation,
  type CredentialTask,
  type CredentialTaskStatus,
  type Page,
  type ScheduledCredentialRotation,
} from '@vcf-backstage/plugin-vcf-common';
import type { SecretCipher } from '../crypto/SecretCipher';
import {
  chunk,
  isoOrUndefined,
  nowIso,
  parseJsonColumn,
} from '../database/rowValues';
import type {
  ClaimedCredentialTask,
  ClaimedRotation,
  CredentialTaskProgress,
  CredentialTaskStore,
  NewCredentialTask,
} from './CredentialTaskStore';

const TASKS = 'credential_tasks';
const ITEMS = 'credential_task_items';
const ROTATIONS = 'credential_rotation_schedules';

function toTask(
  row: Record<string, any>,
  items: Array<Record<string, any>>,
): CredentialTask {
  return {
    id: row.id,
    environmentId: row.environment_id,
    operation: row.operation as CredentialOperation,
    status: row.status as CredentialTaskStatus,
    errors: parseJsonColumn<string[]>(row.errors) ?? [],
    items: items.map(item => ({
      credentialId: item.credential_id,
      resourceName: item.resource_name,
      username: item.username,
      status: item.status as CredentialTaskStatus,
    })),
    requestedBy: row.requested_by,
    createdAt: isoOrUndefined(row.created_at)!,
    completedAt: isoOrUndefined(row.completed_at),
  };
}

/**
 * Knex implementation of {@link CredentialTaskStore} (SQLite and PostgreSQL). A claim is a conditional UPDATE
 * (`lease free or expired`) checked by its row count, which only one instance can win.
 * @internal
 */
export class DatabaseCredentialTaskStore implements CredentialTaskStore {
  /** A store on the plugin's database, migrated by `openVcfDatabase`; passwords are encrypted with `cipher`. */
  static create(options: {
    db: Knex;
    cipher: SecretCipher;
  }): DatabaseCredentialTaskStore {
    return new DatabaseCredentialTaskStore(options.db, options.cipher);
  }

  private constructor(
    private readonly db: Knex,
    private readonly cipher: SecretCipher,
  ) {}

  async add(task: NewCredentialTask, now: Date): Promise<string> {
    const id = randomUUID();
    const change =
      task.change === undefined
        ? undefined
        : this.cipher.encrypt(JSON.stringify(task.change));
    await this.db.transaction(async tx => {
      await tx(TASKS).insert({
        id,
        environment_id: task.environmentId,
        operation: task.operation,
        status: 'PENDING',
        upstream_ids: JSON.stringify(task.upstreamIds),
        change_encrypted: change?.ciphertext ?? null,
        change_key_id: change?.keyId ?? null,
        errors: JSON.stringify([]),
        requested_by: task.requestedBy,
        created_at: nowIso(now),
        next_poll_at: nowIso(now),
      });
      for (const batch of chunk(task.items, 100)) {
        await tx(ITEMS).insert(
          batch.map(item => ({
            task_id: id,
            credential_id: item.credentialId,
            resource_name: item.resourceName,
            username: item.username,
            status: 'PENDING',
          })),
        );
      }
    });
    return id;
  }

  async get(id: string): Promise<CredentialTask | undefined> {
    const row = await this.db(TASKS).where({ id }).first();
    if (!row) return undefined;
    const items = await this.db(ITEMS)
      .where({ task_id: id })
      .orderBy(['resource_name', 'username']);
    return toTask(row, items);
  }

  async list(options: {
    environmentId: string;
    offset: number;
    limit: number;
  }): Promise<Page<CredentialTask>> {
    const [{ count }] = await this.db(TASKS)
      .where({ environment_id: options.environmentId })
      .count({ count: '*' });
    const rows = await this.db(TASKS)
      .where({ environment_id: options.environmentId })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .offset(options.offset)
      .limit(options.limit);
    const items = rows.length
      ? await this.db(ITEMS)
          .whereIn(
            'task_id',
            rows.map(r => r.id),
          )
          .orderBy(['resource_name', 'username'])
      : [];
    return {
      totalCount: Number(count),
      items: rows.map(row =>
        toTask(
          row,
          items.filter(item => item.task_id === row.id),
        ),
      ),
    };
  }

  async upstreamIds(id: string): Promise<string[]> {
    const row = await this.db(TASKS).where({ id }).first('upstream_ids');
    return parseJsonColumn<string[]>(row?.upstream_ids) ?? [];
  }

  async readChange<T>(id: string): Promise<T | undefined> {
    const row = await this.db(TASKS)
      .where({ id })
      .first('change_encrypted', 'change_key_id');
    if (!row?.change_encrypted) return undefined;
    return JSON.parse(
      this.cipher.decrypt({
        ciphertext: row.change_encrypted,
        keyId: row.change_key_id,
      }),
    ) as T;
  }

  async claimDue(options: {
    owner: string;
    limit: number;
    leaseSeconds: number;
    now: Date;
  }) {
    const nowText = nowIso(options.now);
    const leaseUntil = nowIso(
      new Date(options.now.getTime() + options.leaseSeconds * 1000),
    );
    const due = (q: Knex.QueryBuilder) =>
      q
        .whereNotNull('next_poll_at')
        .andWhere('next_poll_at', '<=', nowText)
        .andWhere(free =>
          free
            .whereNull('lease_expires_at')
            .orWhere('lease_expires_at', '<', nowText),
        );
    const candidates = await due(this.db(TASKS).select('id'))
      .orderBy('next_poll_at')
      .limit(options.limit);
    const claimed: ClaimedCredentialTask[] = [];
    for (const { id } of candidates) {
      const won = await due(this.db(TASKS).where({ id })).update({
        lease_owner: options.owner,
        lease_expires_at: leaseUntil,
      });
      if (won !== 1) continue;
      const task = await this.get(id);
      const row = await this.db(TASKS)
        .where({ id })
        .first('upstream_ids', 'lease_owner');
      if (!task || row?.lease_owner !== options.owner) continue;
      claimed.push({
        id,
        environmentId: task.environmentId,
        operation: task.operation,
        status: task.status,
        upstreamIds: parseJsonColumn<string[]>(row.upstream_ids) ?? [],
        items: task.items,
      });
    }
    return claimed;
  }

  async recordProgress(
    id: string,
    owner: string | undefined,
    progress: CredentialTaskProgress,
  ): Promise<boolean> {
    return this.db.transaction(async tx => {
      const query = tx(TASKS).where({ id });
      if (owner) query.andWhere({ lease_owner: owner });
      const updated = await query.update({
        status: progress.status,
        errors: JSON.stringify(progress.errors),
        completed_at: progress.completedAt
          ? nowIso(progress.completedAt)
          : null,
        next_poll_at: progress.nextPollAt ? nowIso(progress.nextPollAt) : null,
        lease_owner: null,
        lease_expires_at: null,
      });
      if (updated !== 1) return false;
      await tx(ITEMS)
        .where({ task_id: id })
        .update({ status: progress.status });
      for (const [credentialId, status] of progress.itemStatuses ?? []) {
        await tx(ITEMS)
          .where({ task_id: id, credential_id: credentialId })
          .update({ status });
      }
      return true;
    });
  }

  async busyCredentials(credentialIds: string[]): Promise<string[]> {
    if (!credentialIds.length) return [];
    const rows = await this.db(`${ITEMS} as i`)
      .join(`${TASKS} as t`, 't.id', 'i.task_id')
      .whereIn('i.credential_id', credentialIds)
      .whereNotIn('t.status', FINISHED_CREDENTIAL_TASK_STATUSES)
      .distinct('i.credential_id');
    return rows.map(r => r.credential_id);
  }

  async scheduleRotation(rotation: {
    credentialId: string;
    environmentId: string;
    dueAt: Date;
    scheduledBy: string;
  }) {
    await this.db(ROTATIONS)
      .insert({
        credential_id: rotation.credentialId,
        environment_id: rotation.environmentId,
        due_at: nowIso(rotation.dueAt),
        scheduled_by: rotation.scheduledBy,
        lease_owner: null,
        lease_expires_at: null,
      })
      .onConflict('credential_id')
      .merge(['due_at', 'scheduled_by', 'lease_owner', 'lease_expires_at']);
  }

  async listRotations(
    environmentId: string,
  ): Promise<ScheduledCredentialRotation[]> {
    const rows = await this.db(ROTATIONS)
      .where({ environment_id: environmentId })
      .orderBy('due_at');
    return rows.map(row => ({
      credentialId: row.credential_id,
      rotatesAt: isoOrUndefined(row.due_at)!,
    }));
  }

  async claimDueRotations(options: {
    owner: string;
    limit: number;
    leaseSeconds: number;
    now: Date;
  }) {
    const nowText = nowIso(options.now);
    const leaseUntil = nowIso(
      new Date(options.now.getTime() + options.leaseSeconds * 1000),
    );
    const due = (q: Knex.QueryBuilder) =>
      q
        .where('due_at', '<=', nowText)
        .andWhere(free =>
          free
            .whereNull('lease_expires_at')
            .orWhere('lease_expires_at', '<', nowText),
        );
    const candidates = await due(this.db(ROTATIONS).select('credential_id'))
      .orderBy('due_at')
      .limit(options.limit);
    const claimed: ClaimedRotation[] = [];
    for (const { credential_id: credentialId } of candidates) {
      const won = await due(
        this.db(ROTATIONS).where({ credential_id: credentialId }),
      ).update({
        lease_owner: options.owner,
        lease_expires_at: leaseUntil,
      });
      if (won !== 1) continue;
      const row = await this.db(ROTATIONS)
        .where({ credential_id: credentialId, lease_owner: options.owner })
        .first();
      if (row) {
        claimed.push({
          credentialId,
          environmentId: row.environment_id,
          scheduledBy: row.scheduled_by,
        });
      }
    }
    return claimed;
  }

  async completeRotation(credentialId: string, owner: string): Promise<void> {
    await this.db(ROTATIONS)
      .where({ credential_id: credentialId, lease_owner: owner })
      .delete();
  }

  async postponeRotation(
    credentialId: string,
    owner: string,
    retryAt: Date,
  ): Promise<void> {
    await this.db(ROTATIONS)
      .where({ credential_id: credentialId, lease_owner: owner })
      .update({
        due_at: nowIso(retryAt),
        lease_owner: null,
        lease_expires_at: null,
      });
  }
}
