import type { Knex } from 'knex';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type { CredentialSource } from '@vcf-backstage/plugin-vcf-common';
import type { SecretCipher } from '../crypto/SecretCipher';
import type {
  EndpointDefinition,
  EnvironmentDefinition,
} from '../config/readVcfConfig';
import {
  nowIso,
  orUndefined,
  parseJsonColumn,
  toBoolean,
} from '../database/rowValues';
import {
  applyPermissionCriteria,
  type VcfQueryFilter,
} from '../permissions/VcfQueryFilter';
import type {
  EnvironmentChange,
  EnvironmentStore,
  StoredEnvironment,
} from './EnvironmentStore';
import { ShortLivedCache } from '../cache/ShortLivedCache';

const SOURCES: CredentialSource[] = ['sddc-manager', 'installer'];

/** How long the definitions read by `get` and an unfiltered `list` are reused (see the store's create). */
const DEFAULT_DEFINITIONS_CACHE_MS = 2000;

/** Freezes a cached value through and through, so that no caller can change what the next one reads. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * {@link EnvironmentStore} on the plugin's database.
 * @internal
 */
export class DatabaseEnvironmentStore implements EnvironmentStore {
  /**
   * A store on the plugin's database, migrated by `openVcfDatabase`; passwords are encrypted with `cipher`.
   *
   * Every credential and inventory request looks up its environment, so the definitions (never passwords) that
   * `get` and an unfiltered `list` answer with are read for all environments at once and reused for
   * `definitionsCacheMs` (default 2000, 0 to read every time). Writes through this store show at once; changes
   * made through another replica show within that time. Those definitions are shared by every caller and frozen:
   * copy one to change it. Filtered lists (permission conditions) and
   * {@link DatabaseEnvironmentStore.getEndpointWithPassword} always read the database.
   */
  static create(options: {
    db: Knex;
    cipher: SecretCipher;
    definitionsCacheMs?: number;
    now?: () => number;
  }): DatabaseEnvironmentStore {
    return new DatabaseEnvironmentStore(options.db, options.cipher, {
      ttlMs: options.definitionsCacheMs ?? DEFAULT_DEFINITIONS_CACHE_MS,
      now: options.now,
    });
  }

  private readonly definitions: ShortLivedCache<StoredEnvironment[]>;

  private constructor(
    private readonly db: Knex,
    private readonly cipher: SecretCipher,
    definitionsCache: { ttlMs: number; now?: () => number },
  ) {
    this.definitions = new ShortLivedCache(
      async () => deepFreeze(await this.read()),
      definitionsCache,
    );
  }

  async replaceConfigEnvironments(
    definitions: EnvironmentDefinition[],
  ): Promise<void> {
    await this.db.transaction(async tx => {
      const clash = await tx('environments')
        .whereIn(
          'id',
          definitions.map(d => d.id),
        )
        .andWhere('managed_by', 'api')
        .first();
      if (clash) {
        throw new ConflictError(
          `vcf.environments has the id "${clash.id}", which an environment created through the API already uses`,
        );
      }
      const stale = tx('environments').where('managed_by', 'config');
      if (definitions.length)
        stale.whereNotIn(
          'id',
          definitions.map(d => d.id),
        );
      const staleIds = (await stale.select('id')).map(r => r.id as string);
      if (staleIds.length) await this.deleteRows(tx, staleIds);
      for (const definition of definitions) {
        const exists = await tx('environments')
          .where({ id: definition.id })
          .first();
        await this.write(tx, { ...definition }, 'config', !exists);
      }
    });
    this.definitions.invalidate();
  }

  async create(change: EnvironmentChange): Promise<void> {
    await this.db.transaction(async tx => {
      if (await tx('environments').where({ id: change.id }).first()) {
        throw new ConflictError(
          `An environment with the id "${change.id}" already exists`,
        );
      }
      await this.write(tx, change, 'api', true);
    });
    this.definitions.invalidate();
  }

  async update(change: EnvironmentChange): Promise<void> {
    await this.db.transaction(async tx => {
      const existing = await tx('environments')
        .where({ id: change.id })
        .first();
      if (!existing)
        throw new NotFoundError(`No environment with the id "${change.id}"`);
      if (existing.managed_by !== 'api') {
        throw new ConflictError(
          `Environment "${change.id}" is defined in app-config.yaml; change it there`,
        );
      }
      await this.write(tx, change, 'api', false);
    });
    this.definitions.invalidate();
  }

  async delete(id: string): Promise<void> {
    const existing = await this.db('environments').where({ id }).first();
    if (!existing)
      throw new NotFoundError(`No environment with the id "${id}"`);
    if (existing.managed_by !== 'api') {
      throw new ConflictError(
        `Environment "${id}" is defined in app-config.yaml; remove it there`,
      );
    }
    await this.db.transaction(tx => this.deleteRows(tx, [id]));
    this.definitions.invalidate();
  }

  /** Deletes environments with everything synced from them (SQLite does not enforce the cascades). */
  private async deleteRows(tx: Knex.Transaction, ids: string[]): Promise<void> {
    await tx('credential_history')
      .whereIn(
        'credential_id',
        tx('credentials').select('id').whereIn('environment_id', ids),
      )
      .delete();
    await tx('credentials').whereIn('environment_id', ids).delete();
    await tx('environment_endpoints').whereIn('environment_id', ids).delete();
    await tx('environments').whereIn('id', ids).delete();
  }

  async get(id: string): Promise<StoredEnvironment | undefined> {
    return (await this.definitions.get()).find(e => e.id === id);
  }

  async list(
    filter?: PermissionCriteria<VcfQueryFilter>,
  ): Promise<StoredEnvironment[]> {
    return filter ? this.read(filter) : [...(await this.definitions.get())];
  }

  private async read(
    filter?: PermissionCriteria<VcfQueryFilter>,
  ): Promise<StoredEnvironment[]> {
    const query = this.db('environments').select('*').orderBy('title');
    if (filter) {
      applyPermissionCriteria(query, filter, {
        environmentId: 'id',
        environmentOwner: 'owner',
      });
    }
    const rows = await query;
    if (!rows.length) return [];
    const endpoints = await this.db('environment_endpoints')
      .whereIn(
        'environment_id',
        rows.map(r => r.id),
      )
      .select(
        'environment_id',
        'source',
        'base_url',
        'username',
        'tls_verify',
        'tls_ca',
        'interval_minutes',
      );
    return rows.map(row => {
      const env: StoredEnvironment = {
        id: row.id,
        title: row.title,
        description: orUndefined(row.description),
        owner: orUndefined(row.owner),
        managedBy: row.managed_by,
        discoverVcenters: toBoolean(row.discover_vcenters),
        rotateAfterReveal:
          row.rotate_after_reveal_minutes === null ||
          row.rotate_after_reveal_minutes === undefined
            ? undefined
            : {
                afterMinutes: Number(row.rotate_after_reveal_minutes),
                resourceTypes:
                  parseJsonColumn<string[]>(
                    row.rotate_after_reveal_resource_types,
                  ) ?? [],
              },
        endpoints: {},
      };
      for (const ep of endpoints.filter(e => e.environment_id === row.id)) {
        env.endpoints[ep.source as CredentialSource] = {
          baseUrl: ep.base_url,
          username: ep.username,
          tls: { verify: toBoolean(ep.tls_verify), ca: orUndefined(ep.tls_ca) },
          intervalMinutes: Number(ep.interval_minutes),
        };
      }
      return env;
    });
  }

  async getEndpointWithPassword(
    id: string,
    source: CredentialSource,
  ): Promise<EndpointDefinition | undefined> {
    const row = await this.db('environment_endpoints')
      .where({ environment_id: id, source })
      .first();
    if (!row) return undefined;
    return {
      baseUrl: row.base_url,
      username: row.username,
      password: this.cipher.decrypt({
        ciphertext: row.password_encrypted,
        keyId: row.password_key_id,
      }),
      tls: { verify: toBoolean(row.tls_verify), ca: orUndefined(row.tls_ca) },
      intervalMinutes: Number(row.interval_minutes),
    };
  }

  private async write(
    tx: Knex.Transaction,
    change: EnvironmentChange,
    managedBy: 'config' | 'api',
    isNew: boolean,
  ): Promise<void> {
    const now = nowIso();
    const row = {
      title: change.title,
      description: change.description ?? null,
      owner: change.owner ?? null,
      managed_by: managedBy,
      discover_vcenters: change.discoverVcenters,
      rotate_after_reveal_minutes:
        change.rotateAfterReveal?.afterMinutes ?? null,
      rotate_after_reveal_resource_types: change.rotateAfterReveal
        ? JSON.stringify(change.rotateAfterReveal.resourceTypes)
        : null,
      updated_at: now,
    };
    if (isNew) {
      await tx('environments').insert({
        id: change.id,
        created_at: now,
        ...row,
      });
    } else {
      await tx('environments').where({ id: change.id }).update(row);
    }
    for (const source of SOURCES) {
      const endpoint = change.endpoints[source];
      const existing = await tx('environment_endpoints')
        .where({ environment_id: change.id, source })
        .first();
      if (!endpoint) {
        if (existing)
          await tx('environment_endpoints')
            .where({ environment_id: change.id, source })
            .delete();
        continue;
      }
      let secret = existing
        ? {
            ciphertext: existing.password_encrypted,
            keyId: existing.password_key_id,
          }
        : undefined;
      if (endpoint.password !== undefined && endpoint.password !== '') {
        secret = this.cipher.encrypt(endpoint.password);
      }
      if (!secret) {
        throw new ConflictError(
          `The ${source} endpoint of "${change.id}" needs a password`,
        );
      }
      const values = {
        base_url: endpoint.baseUrl,
        username: endpoint.username,
        password_encrypted: secret.ciphertext,
        password_key_id: secret.keyId,
        tls_verify: endpoint.tls.verify,
        tls_ca: endpoint.tls.ca ?? null,
        interval_minutes: endpoint.intervalMinutes,
      };
      if (existing) {
        await tx('environment_endpoints')
          .where({ environment_id: change.id, source })
          .update(values);
      } else {
        await tx('environment_endpoints').insert({
          environment_id: change.id,
          source,
          ...values,
        });
      }
    }
  }
}
