import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type {
  ConnectionTestResult,
  CredentialSource,
  SyncTargetStatus,
  VcfEnvironment,
} from '@vcf-backstage/plugin-vcf-common';
import type { EnvironmentDefinition } from '../config/readVcfConfig';
import type { CredentialStore } from '../credentials/CredentialStore';
import {
  createSourceClient,
  type VcfClientSettings,
} from '../credentials/CredentialSyncRunner';
import type { VcfQueryFilter } from '../permissions/VcfQueryFilter';
import type { SyncTarget, SyncTargetStore } from '../sync/SyncTargetStore';
import { SyncTargetOwner } from '../sync/SyncTargetOwner';
import { credentialTargetId } from '../sync/syncTargetIds';
import {
  checkConnection,
  toConnectionTestResult,
  type ConnectionCheck,
} from '../clients/connectionCheck';
import type { CredentialCounts } from '../credentials/CredentialStore';
import { ShortLivedCache } from '../cache/ShortLivedCache';
import { toSyncTargetStatus } from '../sync/syncTargetStatus';
import type {
  EnvironmentChange,
  EnvironmentStore,
  StoredEnvironment,
} from './EnvironmentStore';

const SOURCES: CredentialSource[] = ['sddc-manager', 'installer'];

/** How long the credential counts and sync status of the environment list may be reused (see the README). */
const DEFAULT_STATUS_CACHE_MS = 2000;

/** What the environment list adds to the definitions: counted and read for every environment at once. */
interface EnvironmentStatus {
  counts: Map<string, CredentialCounts>;
  targets: SyncTarget[];
}

function describeInterval(minutes: number): string {
  return minutes === 1 ? 'every minute' : `every ${minutes} minutes`;
}

/**
 * Environments with their sync targets: keeps the targets in step with the definitions, and assembles what the
 * API shows (definition, sync status per source, credential counts).
 *
 * The credential counts and sync status are the expensive part of a list (an aggregate over every credential):
 * they are read for all environments at once and reused for `statusCacheMs` (default 2 s). Changes made through
 * this service, and finished sync runs ({@link EnvironmentService.forgetCachedStatus}), show at once; changes
 * made through another replica show within that time.
 * @internal
 */
export class EnvironmentService {
  private readonly status: ShortLivedCache<EnvironmentStatus>;
  /** One `credentials` target per source of each environment. */
  private readonly targets: SyncTargetOwner;

  constructor(
    private readonly options: {
      environments: EnvironmentStore;
      credentials: CredentialStore;
      syncTargets: SyncTargetStore;
      logger: LoggerService;
      clientSettings?: VcfClientSettings;
      /** How long counts and sync status may be reused, in ms (0 reads them for every request). */
      statusCacheMs?: number;
    },
  ) {
    this.targets = new SyncTargetOwner(options.syncTargets, 'credentials');
    this.status = new ShortLivedCache(() => this.readStatus(), {
      ttlMs: options.statusCacheMs ?? DEFAULT_STATUS_CACHE_MS,
    });
  }

  /** Drops the cached counts and sync status, e.g. after a sync run changed them. */
  forgetCachedStatus(): void {
    this.status.invalidate();
  }

  private async readStatus(): Promise<EnvironmentStatus> {
    const ids = (await this.options.environments.list()).map(e => e.id);
    const [counts, targets] = await Promise.all([
      this.options.credentials.countsByEnvironment(ids),
      this.targets.list(),
    ]);
    return { counts, targets };
  }

  /** Applies `vcf.environments` from config at startup. */
  async applyConfig(definitions: EnvironmentDefinition[]): Promise<void> {
    this.forgetCachedStatus();
    await this.options.environments.replaceConfigEnvironments(definitions);
    const all = await this.options.environments.list();
    const keep: string[] = [];
    for (const environment of all)
      keep.push(...(await this.declareTargets(environment)));
    await this.targets.keepOnly(keep);
    this.forgetCachedStatus();
  }

  private async declareTargets(
    environment: StoredEnvironment,
  ): Promise<string[]> {
    const declared = SOURCES.flatMap(source => {
      const endpoint = environment.endpoints[source];
      return endpoint
        ? [
            {
              id: credentialTargetId(environment.id, source),
              environmentId: environment.id,
              enabled: true,
              intervalSeconds: endpoint.intervalMinutes * 60,
            },
          ]
        : [];
    });
    const ids = declared.map(target => target.id);
    // A source whose endpoint was removed loses its target.
    await this.targets.remove(
      SOURCES.map(source => credentialTargetId(environment.id, source)).filter(
        id => !ids.includes(id),
      ),
    );
    await this.targets.declare(declared);
    return ids;
  }

  async list(
    filter?: PermissionCriteria<VcfQueryFilter>,
  ): Promise<VcfEnvironment[]> {
    const environments = await this.options.environments.list(filter);
    return this.toApi(environments);
  }

  async get(id: string): Promise<VcfEnvironment> {
    const environment = await this.options.environments.get(id);
    if (!environment)
      throw new NotFoundError(`No environment with the id "${id}"`);
    const [result] = await this.toApi([environment]);
    return result;
  }

  async create(change: EnvironmentChange): Promise<VcfEnvironment> {
    await this.options.environments.create(change);
    await this.declareTargets(
      (await this.options.environments.get(change.id))!,
    );
    this.forgetCachedStatus();
    return this.get(change.id);
  }

  async update(change: EnvironmentChange): Promise<VcfEnvironment> {
    await this.options.environments.update(change);
    await this.declareTargets(
      (await this.options.environments.get(change.id))!,
    );
    this.forgetCachedStatus();
    return this.get(change.id);
  }

  async delete(id: string): Promise<void> {
    await this.options.environments.delete(id);
    await this.targets.remove(
      SOURCES.map(source => credentialTargetId(id, source)),
    );
    this.forgetCachedStatus();
  }

  /** Makes every source of the environment due now. Returns the targets. */
  async requestSync(
    id: string,
    requestedBy: string,
  ): Promise<SyncTargetStatus[]> {
    const targets = await this.targets.list({ environmentId: id });
    const statuses = await this.targets.requestRuns(
      targets.map(t => t.id),
      requestedBy,
    );
    this.forgetCachedStatus();
    return statuses;
  }

  /** Logs in to each source of a stored environment with its service account. */
  async testConnection(id: string): Promise<ConnectionTestResult> {
    const environment = await this.options.environments.get(id);
    if (!environment)
      throw new NotFoundError(`No environment with the id "${id}"`);
    const results: ConnectionCheck[] = [];
    for (const source of SOURCES) {
      const endpoint = await this.options.environments.getEndpointWithPassword(
        id,
        source,
      );
      if (!endpoint) continue;
      const client = createSourceClient(source, endpoint, {
        ...this.options.clientSettings,
        retries: 0,
      });
      try {
        results.push(
          await checkConnection(source, async () => {
            await client.testConnection();
            return 'Signed in with the service account';
          }),
        );
      } finally {
        await client.close();
      }
    }
    return toConnectionTestResult(results);
  }

  private async toApi(
    environments: StoredEnvironment[],
  ): Promise<VcfEnvironment[]> {
    if (!environments.length) return [];
    const { counts, targets } = await this.status.get();
    return environments.map(environment => {
      const sync: VcfEnvironment['sync'] = {};
      for (const source of SOURCES) {
        const target = targets.find(
          t => t.id === credentialTargetId(environment.id, source),
        );
        if (target) sync[source] = toSyncTargetStatus(target);
      }
      const summary = (source: CredentialSource) => {
        const endpoint = environment.endpoints[source];
        return endpoint
          ? {
              baseUrl: endpoint.baseUrl,
              username: endpoint.username,
              tls: {
                verify: endpoint.tls.verify,
                ...(endpoint.tls.ca ? { ca: endpoint.tls.ca } : {}),
              },
              schedule: describeInterval(endpoint.intervalMinutes),
              intervalMinutes: endpoint.intervalMinutes,
            }
          : undefined;
      };
      return {
        id: environment.id,
        title: environment.title,
        description: environment.description,
        owner: environment.owner,
        managedBy: environment.managedBy,
        discoverVcenters: environment.discoverVcenters,
        rotateAfterReveal: environment.rotateAfterReveal,
        sddcManager: summary('sddc-manager'),
        installer: summary('installer'),
        sync,
        credentialCounts: counts.get(environment.id) ?? {
          total: 0,
          removed: 0,
          expiringSoon: 0,
          expired: 0,
        },
      };
    });
  }
}
