import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { InputError, NotFoundError } from '@backstage/errors';
import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type {
  CredentialFacets,
  CredentialHistoryEntry,
  CredentialListQuery,
  CredentialSource,
  CredentialSummary,
  ExpiryStatus,
  Page,
} from '@vcf-backstage/plugin-vcf-common';
import type { SecretCipher } from '../crypto/SecretCipher';
import {
  chunk,
  isoOrUndefined,
  nowIso,
  orUndefined,
} from '../database/rowValues';
import {
  applyPermissionCriteria,
  criteriaUseField,
  type VcfQueryFilter,
} from '../permissions/VcfQueryFilter';
import type { CredentialResource } from '../permissions/resourceRefs';
import type {
  CredentialCounts,
  CredentialExpiryGroup,
  CredentialStore,
  CredentialSyncCounts,
} from './CredentialStore';
import type { UpstreamCredential } from './UpstreamCredential';
import { sortColumnOf } from '../database/sortColumn';
import {
  cursorsOf,
  readListInBatches,
  readListPage,
  type KeysetList,
} from '../database/keysetPaging';
import { ShortLivedMap } from '../cache/ShortLivedMap';
import { isSqlite } from '../database/databaseKind';

/** API sort names → columns. Anything else is refused, so no caller text reaches ORDER BY. */
const SORT_COLUMNS: Record<string, string> = {
  resourceName: 'c.resource_name',
  resourceType: 'c.resource_type',
  resourceIp: 'c.resource_ip',
  username: 'c.username',
  credentialType: 'c.credential_type',
  accountType: 'c.account_type',
  domainName: 'c.domain_name',
  source: 'c.source',
  expiryStatus: 'c.expiry_status',
  expiryDate: 'c.expiry_date',
  lastSeenAt: 'c.last_seen_at',
  passwordChangedAt: 'c.password_changed_at',
};

const FILTER_COLUMNS = {
  environmentId: 'c.environment_id',
  environmentOwner: 'e.owner',
  resourceType: 'c.resource_type',
  accountType: 'c.account_type',
  credentialType: 'c.credential_type',
  source: 'c.source',
};

/** Metadata columns a sync compares and writes. */
const METADATA_COLUMNS = [
  'upstream_id',
  'resource_id',
  'resource_name',
  'resource_ip',
  'resource_type',
  'domain_name',
  'username',
  'credential_type',
  'account_type',
  'expiry_status',
  'expiry_date',
  'upstream_modified_at',
  'auto_rotate_frequency_days',
  'auto_rotate_next_at',
] as const;

const EXPIRING_SOON_DAYS = 14;

/** Rows an export reads per query. */
const EXPORT_BATCH_SIZE = 1000;

/** How long a list's total count is reused for the same filters (see {@link DatabaseCredentialStore.list}). */
const DEFAULT_COUNT_CACHE_MS = 2000;

/**
 * On SQLite, a search (`q=`) matching at most this many rows keeps their row ids beside its count, and its pages
 * read just those rows (then sorted) instead of walking the sort column's index through every credential of the
 * environment to find a few matches. (`LIKE '%…%'` has no index on SQLite: finding the matches is one scan of
 * the narrow search index, done once per count.)
 */
const SPARSE_SEARCH_ROWS = 1000;

/** A list's total count; for a sparse SQLite search also the row ids of its matches. */
interface ListTotal {
  count: number;
  rowids?: number[];
}

function credentialId(
  environmentId: string,
  source: string,
  naturalKey: string,
) {
  return createHash('sha256')
    .update(`${environmentId}\u0000${source}\u0000${naturalKey}`)
    .digest('hex')
    .slice(0, 32);
}

function searchTextOf(credential: UpstreamCredential): string {
  return [
    credential.resourceName,
    credential.resourceIp,
    credential.username,
    credential.domainName,
  ]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
}

function metadataOf(
  credential: UpstreamCredential,
): Record<(typeof METADATA_COLUMNS)[number], string | number | null> {
  return {
    upstream_id: credential.upstreamId ?? null,
    resource_id: credential.resourceId ?? null,
    resource_name: credential.resourceName,
    resource_ip: credential.resourceIp ?? null,
    resource_type: credential.resourceType,
    domain_name: credential.domainName ?? null,
    username: credential.username,
    credential_type: credential.credentialType,
    account_type: credential.accountType ?? null,
    expiry_status: credential.expiryStatus ?? null,
    expiry_date: credential.expiryDate ?? null,
    upstream_modified_at: credential.upstreamModifiedAt ?? null,
    auto_rotate_frequency_days: credential.autoRotate?.frequencyInDays ?? null,
    auto_rotate_next_at: credential.autoRotate?.nextRotationAt ?? null,
  };
}

function sameValue(
  column: string,
  stored: unknown,
  next: string | number | null,
): boolean {
  if (column === 'auto_rotate_frequency_days') {
    return (
      (stored === null || stored === undefined ? null : Number(stored)) === next
    );
  }
  if (
    column === 'expiry_date' ||
    column === 'upstream_modified_at' ||
    column === 'auto_rotate_next_at'
  ) {
    return (isoOrUndefined(stored) ?? null) === next;
  }
  return (stored ?? null) === next;
}

function toSummary(row: Record<string, any>): CredentialSummary {
  return {
    id: row.id,
    environmentId: row.environment_id,
    source: row.source,
    resourceName: row.resource_name,
    resourceIp: orUndefined(row.resource_ip),
    resourceType: row.resource_type,
    domainName: orUndefined(row.domain_name),
    username: row.username,
    credentialType: row.credential_type,
    accountType: orUndefined(row.account_type),
    expiryStatus: orUndefined(row.expiry_status),
    expiryDate: isoOrUndefined(row.expiry_date),
    upstreamModifiedAt: isoOrUndefined(row.upstream_modified_at),
    firstSeenAt: isoOrUndefined(row.first_seen_at)!,
    lastSeenAt: isoOrUndefined(row.last_seen_at)!,
    removedAt: isoOrUndefined(row.removed_at),
    passwordChangedAt: isoOrUndefined(row.password_changed_at),
    ...(row.auto_rotate_frequency_days !== null &&
    row.auto_rotate_frequency_days !== undefined
      ? {
          autoRotate: {
            frequencyInDays: Number(row.auto_rotate_frequency_days),
            nextRotationAt: isoOrUndefined(row.auto_rotate_next_at),
          },
        }
      : {}),
  };
}

/** Columns of a list row: never the password. */
const SUMMARY_COLUMNS = [
  'c.id',
  'c.environment_id',
  'c.source',
  'c.resource_name',
  'c.resource_ip',
  'c.resource_type',
  'c.domain_name',
  'c.username',
  'c.credential_type',
  'c.account_type',
  'c.expiry_status',
  'c.expiry_date',
  'c.upstream_modified_at',
  'c.first_seen_at',
  'c.last_seen_at',
  'c.removed_at',
  'c.password_changed_at',
  'c.auto_rotate_frequency_days',
  'c.auto_rotate_next_at',
];

/**
 * {@link CredentialStore} on the plugin's database (SQLite or PostgreSQL).
 * @internal
 */
export class DatabaseCredentialStore implements CredentialStore {
  /**
   * A store on the plugin's database, migrated by `openVcfDatabase`; passwords are encrypted with `cipher`.
   * `countCacheMs` (default 2000, 0 to count every time): how long the total count of a list is reused for the
   * same environment, filters, search and permission conditions.
   */
  static create(options: {
    db: Knex;
    cipher: SecretCipher;
    countCacheMs?: number;
    now?: () => number;
  }): DatabaseCredentialStore {
    return new DatabaseCredentialStore(options.db, options.cipher, {
      ttlMs: options.countCacheMs ?? DEFAULT_COUNT_CACHE_MS,
      now: options.now,
    });
  }

  private readonly counts: ShortLivedMap<ListTotal>;
  private readonly isSqlite: boolean;

  private constructor(
    private readonly db: Knex,
    private readonly cipher: SecretCipher,
    countCache: { ttlMs: number; now?: () => number },
  ) {
    this.counts = new ShortLivedMap(countCache);
    this.isSqlite = isSqlite(db);
  }

  async replaceSourceSet(options: {
    environmentId: string;
    source: CredentialSource;
    credentials: UpstreamCredential[];
    now?: Date;
  }): Promise<CredentialSyncCounts> {
    const { environmentId, source } = options;
    const now = nowIso(options.now);
    const counts: CredentialSyncCounts = {
      total: options.credentials.length,
      added: 0,
      updated: 0,
      passwordsChanged: 0,
      removed: 0,
    };
    const incoming = new Map<string, UpstreamCredential>();
    for (const credential of options.credentials) {
      const id = credentialId(environmentId, source, credential.naturalKey);
      if (incoming.has(id)) {
        throw new InputError(
          `${source} reported the credential ${credential.username}@${credential.resourceName} twice`,
        );
      }
      incoming.set(id, credential);
    }

    await this.db.transaction(async tx => {
      const existing = new Map<string, Record<string, any>>();
      const rows = await tx('credentials')
        .where({ environment_id: environmentId, source })
        .select([
          'id',
          'password_encrypted',
          'password_key_id',
          'removed_at',
          ...METADATA_COLUMNS,
        ]);
      for (const row of rows) existing.set(row.id, row);

      const inserts: Record<string, unknown>[] = [];
      const history: Record<string, unknown>[] = [];
      const seenIds: string[] = [];
      for (const [id, credential] of incoming) {
        const stored = existing.get(id);
        const metadata = metadataOf(credential);
        if (!stored) {
          const secret = this.cipher.encrypt(credential.password);
          inserts.push({
            id,
            environment_id: environmentId,
            source,
            natural_key: credential.naturalKey,
            ...metadata,
            search_text: searchTextOf(credential),
            password_encrypted: secret.ciphertext,
            password_key_id: secret.keyId,
            first_seen_at: now,
            last_seen_at: now,
          });
          counts.added++;
          continue;
        }
        const update: Record<string, unknown> = {};
        for (const column of METADATA_COLUMNS) {
          if (!sameValue(column, stored[column], metadata[column]))
            update[column] = metadata[column];
        }
        if (Object.keys(update).length)
          update.search_text = searchTextOf(credential);
        if (stored.removed_at) update.removed_at = null;
        const storedPassword = this.cipher.decrypt({
          ciphertext: stored.password_encrypted,
          keyId: stored.password_key_id,
        });
        if (storedPassword !== credential.password) {
          history.push({
            credential_id: id,
            changed_at: now,
            password_encrypted: stored.password_encrypted,
            password_key_id: stored.password_key_id,
          });
          const secret = this.cipher.encrypt(credential.password);
          update.password_encrypted = secret.ciphertext;
          update.password_key_id = secret.keyId;
          update.password_changed_at = now;
          counts.passwordsChanged++;
        }
        if (Object.keys(update).length) {
          update.last_seen_at = now;
          await tx('credentials').where({ id }).update(update);
          counts.updated++;
        } else {
          seenIds.push(id);
        }
      }

      for (const batch of chunk(inserts, 200))
        await tx('credentials').insert(batch);
      for (const batch of chunk(history, 500))
        await tx('credential_history').insert(batch);
      for (const batch of chunk(seenIds, 500)) {
        await tx('credentials')
          .whereIn('id', batch)
          .update({ last_seen_at: now });
      }
      counts.removed = await tx('credentials')
        .where({ environment_id: environmentId, source })
        .whereNull('removed_at')
        .andWhere('last_seen_at', '<', now)
        .update({ removed_at: now });
    });
    this.counts.clear();
    return counts;
  }

  private baseQuery(options: {
    environmentId?: string;
    query: CredentialListQuery;
    filter?: PermissionCriteria<VcfQueryFilter>;
    joinEnvironment?: boolean;
    /**
     * SQLite only: only these rows (see SPARSE_SEARCH_ROWS), looked up by row id; every other condition still
     * applies. `not indexed` keeps the planner from walking a sort index through the whole environment instead.
     */
    rowids?: number[];
  }) {
    const { query } = options;
    const q: Knex.QueryBuilder = options.rowids
      ? this.db
          .from(this.db.raw('credentials as c not indexed'))
          .whereIn('c.rowid', options.rowids)
      : this.db('credentials as c');
    // The environment's owner is only needed by permission conditions on it; skip the join otherwise.
    if (
      options.joinEnvironment ||
      (options.filter && criteriaUseField(options.filter, 'environmentOwner'))
    )
      q.join('environments as e', 'e.id', 'c.environment_id');
    if (options.environmentId)
      q.where('c.environment_id', options.environmentId);
    if (options.filter)
      applyPermissionCriteria(q, options.filter, FILTER_COLUMNS);
    if (!query.includeRemoved) q.whereNull('c.removed_at');
    if (query.resourceName) q.where('c.resource_name', query.resourceName);
    if (query.resourceType) q.where('c.resource_type', query.resourceType);
    if (query.credentialType)
      q.where('c.credential_type', query.credentialType);
    if (query.accountType) q.where('c.account_type', query.accountType);
    if (query.domain) q.where('c.domain_name', query.domain);
    if (query.source) q.where('c.source', query.source);
    if (query.expiryStatus) q.where('c.expiry_status', query.expiryStatus);
    if (query.q) {
      const pattern = `%${query.q
        .toLowerCase()
        .replace(/[\\%_]/g, m => `\\${m}`)}%`;
      q.whereRaw("c.search_text like ? escape '\\'", [pattern]);
    }
    return q;
  }

  /** The list's sort, unique columns and NULL placement (the database's own: one index per sort). */
  private listShape(query: CredentialListQuery): Omit<KeysetList, 'rows'> {
    const orderBy = query.orderBy ?? 'resourceName';
    return {
      sort: {
        orderBy,
        column: sortColumnOf(SORT_COLUMNS, orderBy, 'credentials'),
        order: query.order === 'desc' ? 'desc' : 'asc',
      },
      idColumns: ['c.id'],
      nulls: this.isSqlite ? 'low' : 'high',
    };
  }

  /**
   * A page of credentials and the total count of its filters. The count is the expensive half (every matching
   * row): it is reused for `countCacheMs` for the same environment, filters, search and permission conditions,
   * so paging and repeated searches count once. Writes through this store forget the counts at once; writes
   * through another replica show in the count (and, for a sparse search, in its matches) within that time. The
   * page itself is always read anew, with every condition applied: at `offset`, or next to the row a `cursor`
   * names (an index range, as fast on the last page as on the first; see {@link readListPage}).
   */
  async list(options: {
    environmentId?: string;
    query: CredentialListQuery;
    filter?: PermissionCriteria<VcfQueryFilter>;
  }): Promise<Page<CredentialSummary>> {
    const { query } = options;
    const base = this.baseQuery(options);
    const total = await this.counts.getOrLoad(
      JSON.stringify([
        options.environmentId,
        options.filter,
        {
          ...query,
          offset: undefined,
          cursor: undefined,
          limit: undefined,
          orderBy: undefined,
          order: undefined,
        },
      ]),
      async (): Promise<ListTotal> => {
        if (query.q && this.isSqlite) {
          const rowids: number[] = await base
            .clone()
            .limit(SPARSE_SEARCH_ROWS + 1)
            .pluck('c.rowid');
          if (rowids.length <= SPARSE_SEARCH_ROWS)
            return { count: rowids.length, rowids };
        }
        const [{ count }] = await base.clone().count({ count: '*' });
        return { count: Number(count) };
      },
    );
    const rows = total.rowids
      ? () =>
          this.baseQuery({ ...options, rowids: total.rowids }).select(
            SUMMARY_COLUMNS,
          )
      : () => base.clone().select(SUMMARY_COLUMNS);
    const page = await readListPage<Record<string, any>>({
      rows,
      ...this.listShape(query),
      limit: query.limit ?? 25,
      ...(query.cursor !== undefined
        ? { cursor: query.cursor }
        : { offset: query.offset ?? 0 }),
    });
    return {
      items: page.rows.map(toSummary),
      totalCount: total.count,
      ...cursorsOf(page),
    };
  }

  async facets(options: {
    environmentId: string;
    filter?: PermissionCriteria<VcfQueryFilter>;
  }): Promise<CredentialFacets> {
    const distinct = async (column: string) => {
      const rows = await this.baseQuery({ ...options, query: {} })
        .distinct({ value: column })
        .whereNotNull(column)
        .orderBy(column);
      return rows.map(r => String(r.value));
    };
    return {
      resourceType: await distinct('c.resource_type'),
      credentialType: await distinct('c.credential_type'),
      accountType: await distinct('c.account_type'),
      domain: await distinct('c.domain_name'),
      source: await distinct('c.source'),
      expiryStatus: await distinct('c.expiry_status'),
    };
  }

  async get(id: string): Promise<CredentialResource | undefined> {
    const [credential] = await this.getMany([id]);
    return credential;
  }

  async getMany(ids: string[]): Promise<Array<CredentialResource | undefined>> {
    if (!ids.length) return [];
    const rows = await this.db('credentials as c')
      .join('environments as e', 'e.id', 'c.environment_id')
      .whereIn('c.id', ids)
      .select([...SUMMARY_COLUMNS, 'e.owner as environment_owner']);
    const byId = new Map(rows.map(r => [r.id, r]));
    return ids.map(id => {
      const row = byId.get(id);
      return row
        ? {
            ...toSummary(row),
            environmentOwner: orUndefined(row.environment_owner),
          }
        : undefined;
    });
  }

  async revealPassword(id: string): Promise<string> {
    const row = await this.db('credentials')
      .where({ id })
      .first('password_encrypted', 'password_key_id');
    if (!row) throw new NotFoundError(`No credential with the id "${id}"`);
    return this.cipher.decrypt({
      ciphertext: row.password_encrypted,
      keyId: row.password_key_id,
    });
  }

  async listHistory(
    id: string,
    options: { withPasswords: boolean },
  ): Promise<CredentialHistoryEntry[]> {
    const rows = await this.db('credential_history')
      .where({ credential_id: id })
      .orderBy([
        { column: 'changed_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    return rows.map(row => ({
      id: Number(row.id),
      credentialId: row.credential_id,
      changedAt: isoOrUndefined(row.changed_at)!,
      ...(options.withPasswords
        ? {
            password: this.cipher.decrypt({
              ciphertext: row.password_encrypted,
              keyId: row.password_key_id,
            }),
          }
        : {}),
    }));
  }

  async *iterateForExport(options: {
    environmentId: string;
    query: CredentialListQuery;
    filter?: PermissionCriteria<VcfQueryFilter>;
    withPasswords: boolean | ((credential: CredentialResource) => boolean);
  }): AsyncIterable<CredentialResource & { password?: string }> {
    const { withPasswords } = options;
    const columns = [...SUMMARY_COLUMNS, 'e.owner as environment_owner'];
    if (withPasswords)
      columns.push('c.password_encrypted', 'c.password_key_id');
    const batches = readListInBatches<Record<string, any>>({
      rows: () =>
        this.baseQuery({ ...options, joinEnvironment: true }).select(columns),
      ...this.listShape(options.query),
      batchSize: EXPORT_BATCH_SIZE,
    });
    for await (const batch of batches) {
      for (const row of batch) {
        const credential: CredentialResource = {
          ...toSummary(row),
          environmentOwner: orUndefined(row.environment_owner),
        };
        const include =
          typeof withPasswords === 'function'
            ? withPasswords(credential)
            : withPasswords;
        yield include
          ? {
              ...credential,
              password: this.cipher.decrypt({
                ciphertext: row.password_encrypted,
                keyId: row.password_key_id,
              }),
            }
          : credential;
      }
    }
  }

  async countsByEnvironment(
    environmentIds: string[],
  ): Promise<Map<string, CredentialCounts>> {
    const result = new Map<string, CredentialCounts>();
    for (const id of environmentIds) {
      result.set(id, { total: 0, removed: 0, expiringSoon: 0, expired: 0 });
    }
    if (!environmentIds.length) return result;
    const soon = nowIso(new Date(Date.now() + EXPIRING_SOON_DAYS * 86_400_000));
    const now = nowIso();
    const rows = await this.db('credentials')
      .whereIn('environment_id', environmentIds)
      .groupBy('environment_id')
      .select('environment_id')
      .select(
        this.db.raw(
          'sum(case when removed_at is null then 1 else 0 end) as total',
        ),
        this.db.raw(
          'sum(case when removed_at is not null then 1 else 0 end) as removed',
        ),
        this.db.raw(
          "sum(case when removed_at is null and (expiry_status = 'EXPIRED' or (expiry_date is not null and expiry_date < ?)) then 1 else 0 end) as expired",
          [now],
        ),
        this.db.raw(
          "sum(case when removed_at is null and coalesce(expiry_status, '') <> 'EXPIRED' and (expiry_status = 'EXPIRING' or (expiry_date is not null and expiry_date >= ? and expiry_date < ?)) then 1 else 0 end) as expiring_soon",
          [now, soon],
        ),
      );
    for (const row of rows) {
      result.set(row.environment_id, {
        total: Number(row.total ?? 0),
        removed: Number(row.removed ?? 0),
        expired: Number(row.expired ?? 0),
        expiringSoon: Number(row.expiring_soon ?? 0),
      });
    }
    return result;
  }

  async applyExpiryCheck(options: {
    environmentId: string;
    results: Array<{
      credentialId: string;
      expiryStatus?: ExpiryStatus;
      expiryDate?: string;
    }>;
  }): Promise<number> {
    let changed = 0;
    await this.db.transaction(async tx => {
      for (const result of options.results) {
        changed += await tx('credentials')
          .where({
            environment_id: options.environmentId,
            source: 'sddc-manager',
            upstream_id: result.credentialId,
          })
          .update({
            expiry_status: result.expiryStatus ?? null,
            expiry_date: result.expiryDate ?? null,
          });
      }
    });
    this.counts.clear();
    return changed;
  }

  async expiryGroups(options: {
    expiringBefore: Date;
    now?: Date;
  }): Promise<CredentialExpiryGroup[]> {
    const now = nowIso(options.now);
    const before = nowIso(options.expiringBefore);
    const isExpired =
      "(c.expiry_status = 'EXPIRED' or (c.expiry_date is not null and c.expiry_date < ?))";
    const rows = await this.db('credentials as c')
      .join('environments as e', 'e.id', 'c.environment_id')
      .whereNull('c.removed_at')
      .whereNotNull('e.owner')
      .where(q =>
        q
          .where('c.expiry_status', 'EXPIRED')
          .orWhere(w =>
            w.whereNotNull('c.expiry_date').where('c.expiry_date', '<', before),
          ),
      )
      .groupBy('e.owner', 'c.environment_id', 'e.title')
      .select({
        owner: 'e.owner',
        environment_id: 'c.environment_id',
        environment_title: 'e.title',
      })
      .select(
        this.db.raw(
          `sum(case when ${isExpired} then 1 else 0 end) as expired`,
          [now],
        ),
        this.db.raw(
          `sum(case when ${isExpired} then 0 else 1 end) as expiring`,
          [now],
        ),
        this.db.raw(
          `min(case when ${isExpired} then null else c.expiry_date end) as next_expiry_date`,
          [now],
        ),
      )
      .orderBy([
        { column: 'e.owner', order: 'asc' },
        { column: 'c.environment_id', order: 'asc' },
      ]);
    return rows.map(row => ({
      owner: row.owner,
      environmentId: row.environment_id,
      environmentTitle: row.environment_title,
      expired: Number(row.expired ?? 0),
      expiring: Number(row.expiring ?? 0),
      nextExpiryDate: isoOrUndefined(row.next_expiry_date),
    }));
  }
}
