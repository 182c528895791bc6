import type { Knex } from 'knex';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { INVENTORY_KINDS } from '@vcf-backstage/plugin-vcf-common';
import type { SecretCipher } from '../crypto/SecretCipher';
import type { VcenterDefinition } from '../config/readVcfConfig';
import { nowIso, orUndefined, toBoolean } from '../database/rowValues';
import { INVENTORY_TABLES } from '../inventory/inventoryTables';
import type {
  DiscoveredVcenter,
  StoredVcenter,
  VcenterAbout,
  VcenterChange,
  VcenterManagedBy,
  VcenterStore,
} from './VcenterStore';

const WHERE_TO_CHANGE: Record<VcenterManagedBy, string> = {
  config: 'is defined in app-config.yaml (vcf.vcenters); change it there',
  discovered:
    "was discovered from its environment's SDDC Manager; change the environment instead",
  api: '',
};

function toStored(row: Record<string, any>): StoredVcenter {
  return {
    id: row.id,
    title: row.title,
    baseUrl: row.base_url,
    username: row.username,
    environmentId: orUndefined(row.environment_id),
    owner: orUndefined(row.owner),
    enabled: toBoolean(row.enabled),
    managedBy: row.managed_by,
    tls: { verify: toBoolean(row.tls_verify), ca: orUndefined(row.tls_ca) },
    intervalMinutes: Number(row.interval_minutes),
    apiVersion: orUndefined(row.api_version),
    instanceUuid: orUndefined(row.instance_uuid),
    credentialId: orUndefined(row.credential_id),
  };
}

/** Columns that do not hold a secret. */
const PUBLIC_COLUMNS = [
  'id',
  'title',
  'base_url',
  'username',
  'environment_id',
  'owner',
  'enabled',
  'managed_by',
  'tls_verify',
  'tls_ca',
  'interval_minutes',
  'api_version',
  'instance_uuid',
  'credential_id',
];

/**
 * {@link VcenterStore} on the plugin's database.
 * @internal
 */
export class DatabaseVcenterStore implements VcenterStore {
  /** A store on the plugin's database, migrated by `openVcfDatabase`; passwords are encrypted with `cipher`. */
  static create(options: {
    db: Knex;
    cipher: SecretCipher;
  }): DatabaseVcenterStore {
    return new DatabaseVcenterStore(options.db, options.cipher);
  }

  private constructor(
    private readonly db: Knex,
    private readonly cipher: SecretCipher,
  ) {}

  async replaceConfigVcenters(
    definitions: VcenterDefinition[],
  ): Promise<string[]> {
    return this.db.transaction(async tx => {
      const ids = definitions.map(d => d.id);
      const clash = await tx('vcenters')
        .whereIn('id', ids)
        .whereNot('managed_by', 'config')
        .first('id', 'managed_by');
      if (clash) {
        throw new ConflictError(
          `vcf.vcenters has the id "${clash.id}", which a vCenter ${
            clash.managed_by === 'api'
              ? 'created through the API'
              : 'discovered from SDDC Manager'
          } already uses`,
        );
      }
      const stale = tx('vcenters').where('managed_by', 'config');
      if (ids.length) stale.whereNotIn('id', ids);
      const staleIds = (await stale.select('id')).map(r => r.id as string);
      if (staleIds.length) await this.deleteRows(tx, staleIds);
      for (const definition of definitions) {
        const exists = await tx('vcenters')
          .where({ id: definition.id })
          .first('id');
        await this.write(tx, definition, 'config', !exists);
      }
      return staleIds;
    });
  }

  async replaceDiscoveredVcenters(
    environmentId: string,
    found: DiscoveredVcenter[],
  ): Promise<{ removed: string[]; skipped: string[] }> {
    return this.db.transaction(async tx => {
      const existing = found.length
        ? await tx('vcenters')
            .whereIn(
              'id',
              found.map(v => v.id),
            )
            .select('id', 'managed_by', 'environment_id')
        : [];
      const taken = new Set(
        existing
          .filter(
            r =>
              r.managed_by !== 'discovered' ||
              r.environment_id !== environmentId,
          )
          .map(r => r.id as string),
      );
      const kept = found.filter(v => !taken.has(v.id));
      const stale = tx('vcenters').where({
        managed_by: 'discovered',
        environment_id: environmentId,
      });
      if (kept.length)
        stale.whereNotIn(
          'id',
          kept.map(v => v.id),
        );
      const removed = (await stale.select('id')).map(r => r.id as string);
      if (removed.length) await this.deleteRows(tx, removed);
      const now = nowIso();
      for (const vcenter of kept) {
        const values = {
          title: vcenter.title,
          base_url: vcenter.baseUrl,
          username: vcenter.username,
          credential_id: vcenter.credentialId ?? null,
          environment_id: environmentId,
          owner: vcenter.owner ?? null,
          tls_verify: vcenter.tls.verify,
          tls_ca: vcenter.tls.ca ?? null,
          interval_minutes: vcenter.intervalMinutes,
          updated_at: now,
        };
        if (existing.some(r => r.id === vcenter.id)) {
          await tx('vcenters').where({ id: vcenter.id }).update(values);
        } else {
          await tx('vcenters').insert({
            id: vcenter.id,
            managed_by: 'discovered',
            enabled: true,
            created_at: now,
            ...values,
          });
        }
      }
      return { removed, skipped: [...taken] };
    });
  }

  async create(change: VcenterChange): Promise<void> {
    await this.db.transaction(async tx => {
      if (await tx('vcenters').where({ id: change.id }).first('id')) {
        throw new ConflictError(
          `A vCenter with the id "${change.id}" already exists`,
        );
      }
      await this.write(tx, change, 'api', true);
    });
  }

  async update(change: VcenterChange): Promise<void> {
    await this.db.transaction(async tx => {
      await this.requireApiManaged(tx, change.id);
      await this.write(tx, change, 'api', false);
    });
  }

  async delete(id: string): Promise<void> {
    await this.db.transaction(async tx => {
      await this.requireApiManaged(tx, id);
      await this.deleteRows(tx, [id]);
    });
  }

  private async requireApiManaged(
    tx: Knex.Transaction,
    id: string,
  ): Promise<void> {
    const existing = await tx('vcenters').where({ id }).first('managed_by');
    if (!existing) throw new NotFoundError(`No vCenter with the id "${id}"`);
    if (existing.managed_by !== 'api') {
      throw new ConflictError(
        `vCenter "${id}" ${
          WHERE_TO_CHANGE[existing.managed_by as VcenterManagedBy]
        }`,
      );
    }
  }

  /** Deletes vCenters with their inventory (SQLite does not enforce the cascades). */
  private async deleteRows(tx: Knex.Transaction, ids: string[]): Promise<void> {
    for (const kind of INVENTORY_KINDS) {
      await tx(INVENTORY_TABLES[kind].table)
        .whereIn('vcenter_id', ids)
        .delete();
    }
    await tx('vcenters').whereIn('id', ids).delete();
  }

  async get(id: string): Promise<StoredVcenter | undefined> {
    const row = await this.db('vcenters').where({ id }).first(PUBLIC_COLUMNS);
    return row ? toStored(row) : undefined;
  }

  async list(filter?: {
    id?: string;
    environmentId?: string;
    managedBy?: VcenterManagedBy;
  }): Promise<StoredVcenter[]> {
    const query = this.db('vcenters')
      .select(PUBLIC_COLUMNS)
      .orderBy(['title', 'id']);
    if (filter?.environmentId) {
      query.where('environment_id', filter.environmentId);
    }
    if (filter?.managedBy) query.where('managed_by', filter.managedBy);
    if (filter?.id) query.where('id', filter.id);
    return (await query).map(toStored);
  }

  async getPassword(id: string): Promise<string | undefined> {
    const row = await this.db('vcenters')
      .where({ id })
      .first('password_encrypted', 'password_key_id');
    if (!row?.password_encrypted) return undefined;
    return this.cipher.decrypt({
      ciphertext: row.password_encrypted,
      keyId: row.password_key_id,
    });
  }

  async recordAbout(id: string, about: VcenterAbout): Promise<void> {
    await this.db('vcenters')
      .where({ id })
      .update({
        api_version: about.apiVersion,
        instance_uuid: about.instanceUuid ?? null,
      });
  }

  private async write(
    tx: Knex.Transaction,
    change: VcenterChange,
    managedBy: 'config' | 'api',
    isNew: boolean,
  ): Promise<void> {
    const now = nowIso();
    const row: Record<string, unknown> = {
      title: change.title,
      base_url: change.baseUrl,
      username: change.username,
      environment_id: change.environmentId ?? null,
      owner: change.owner ?? null,
      enabled: change.enabled,
      managed_by: managedBy,
      tls_verify: change.tls.verify,
      tls_ca: change.tls.ca ?? null,
      interval_minutes: change.intervalMinutes,
      credential_id: null,
      updated_at: now,
    };
    if (change.password !== undefined && change.password !== '') {
      const secret = this.cipher.encrypt(change.password);
      row.password_encrypted = secret.ciphertext;
      row.password_key_id = secret.keyId;
    } else if (isNew) {
      throw new InputError(`vCenter "${change.id}" needs a password`);
    }
    if (isNew) {
      await tx('vcenters').insert({ id: change.id, created_at: now, ...row });
    } else {
      await tx('vcenters').where({ id: change.id }).update(row);
    }
  }
}
