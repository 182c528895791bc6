import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type {
  ConnectionTestResult,
  SyncTargetStatus,
  VcenterSummary,
} from '@vcf-backstage/plugin-vcf-common';
import { VimSoapClient } from '../clients/vsphere';
import type { VcenterDefinition } from '../config/readVcfConfig';
import type { CredentialStore } from '../credentials/CredentialStore';
import { inventoryTargetId } from '../sync/syncTargetIds';
import {
  checkConnection,
  toConnectionTestResult,
} from '../clients/connectionCheck';
import type {
  VcenterConnection,
  VsphereClientSettings,
} from '../clients/vsphere/VsphereConnection';
import type { EnvironmentStore } from '../environments/EnvironmentStore';
import type {
  InventoryScope,
  InventoryStore,
} from '../inventory/InventoryStore';
import type { SyncTargetStore } from '../sync/SyncTargetStore';
import { VcenterSyncTargets } from './vcenterSyncTargets';
import { hostOf } from './vcenterUrls';
import type {
  StoredVcenter,
  VcenterChange,
  VcenterStore,
} from './VcenterStore';

// Defined lower down (sync/, clients/) so that inventory does not depend on vcenters; re-exported for callers.
export { inventoryTargetId } from '../sync/syncTargetIds';
export type { VcenterConnection, VsphereClientSettings };

const NEVER_SYNCED: Omit<SyncTargetStatus, 'targetId'> = { status: 'never' };

/**
 * vCenters with their inventory sync targets: applies `vcf.vcenters`, changes API-managed vCenters (one vCenter per
 * URL), tests connections, resolves the account a vCenter is read with, and assembles what the API shows. The
 * vCenters discovered through SDDC Manager are kept by {@link VcenterDiscoveryService}.
 * @internal
 */
export class VcenterService {
  private readonly targets: VcenterSyncTargets;

  constructor(
    private readonly options: {
      vcenters: VcenterStore;
      inventory: InventoryStore;
      environments: EnvironmentStore;
      credentials: CredentialStore;
      syncTargets: SyncTargetStore;
      logger: LoggerService;
      clientSettings?: VsphereClientSettings;
    },
  ) {
    this.targets = new VcenterSyncTargets(options.syncTargets);
  }

  /** Applies `vcf.vcenters` from config at startup (after the discovered vCenters of removed environments were pruned). */
  async applyConfig(definitions: VcenterDefinition[]): Promise<void> {
    const environmentIds = new Set(
      (await this.options.environments.list()).map(e => e.id),
    );
    for (const definition of definitions) {
      if (
        definition.environmentId &&
        !environmentIds.has(definition.environmentId)
      ) {
        this.options.logger.warn(
          'vcf.vcenters[] names an environment that is not defined',
          {
            vcenter: definition.id,
            environment: definition.environmentId,
          },
        );
      }
    }
    await this.options.vcenters.replaceConfigVcenters(definitions);
    const all = await this.options.vcenters.list();
    await this.targets.declareFor(all);
    await this.targets.keepOnly(all.map(v => inventoryTargetId(v.id)));
  }

  async list(filter?: { environmentId?: string }): Promise<VcenterSummary[]> {
    return this.toApi(await this.options.vcenters.list(filter));
  }

  async get(id: string): Promise<VcenterSummary> {
    const [summary] = await this.toApi([await this.require(id)]);
    return summary;
  }

  /** Adds a vCenter through the API; a URL that another vCenter already has is a 409. */
  async create(change: VcenterChange): Promise<VcenterSummary> {
    await this.checkEnvironment(change.environmentId);
    await this.checkUniqueUrl(change);
    await this.options.vcenters.create(change);
    await this.targets.declareFor([
      (await this.options.vcenters.get(change.id))!,
    ]);
    return this.get(change.id);
  }

  async update(change: VcenterChange): Promise<VcenterSummary> {
    await this.checkEnvironment(change.environmentId);
    await this.checkUniqueUrl(change);
    await this.options.vcenters.update(change);
    await this.targets.declareFor([
      (await this.options.vcenters.get(change.id))!,
    ]);
    return this.get(change.id);
  }

  /** Deletes an API-managed vCenter with its inventory and sync history. */
  async delete(id: string): Promise<void> {
    await this.options.vcenters.delete(id);
    await this.targets.removeFor([id]);
  }

  /** Deletes the stored inventory of a vCenter; its next sync reads it again. */
  async purge(id: string): Promise<void> {
    await this.require(id);
    await this.options.inventory.purge(id);
  }

  /** Makes the vCenter's inventory target due now. */
  async requestSync(
    id: string,
    requestedBy: string,
  ): Promise<SyncTargetStatus> {
    const vcenter = await this.require(id);
    if (!vcenter.enabled) {
      throw new InputError(`vCenter "${id}" is disabled; enable it to sync it`);
    }
    const [status] = await this.targets.requestRuns(
      [inventoryTargetId(id)],
      requestedBy,
    );
    return status ?? { targetId: inventoryTargetId(id), ...NEVER_SYNCED };
  }

  /** Logs in to a stored vCenter with the account it is read with, and logs out again. */
  async testConnection(id: string): Promise<ConnectionTestResult> {
    await this.require(id);
    return toConnectionTestResult([
      await checkConnection('vcenter', async () =>
        this.signIn(await this.resolveConnection(id)),
      ),
    ]);
  }

  /**
   * Tests a vCenter definition before it is saved (`POST /vcenters/test-connection`). Without a password, the
   * stored one of the vCenter with the same id is used, as an update would keep it.
   */
  async testDraftConnection(
    change: VcenterChange,
  ): Promise<ConnectionTestResult> {
    const password =
      change.password ?? (await this.options.vcenters.getPassword(change.id));
    if (password === undefined) {
      throw new InputError('Enter the password to test the connection');
    }
    return toConnectionTestResult([
      await checkConnection('vcenter', () =>
        this.signIn({
          baseUrl: change.baseUrl,
          username: change.username,
          password,
          tls: change.tls,
        }),
      ),
    ]);
  }

  /** Signs in and out; resolves with what to tell the user, throws what went wrong. */
  private async signIn(connection: VcenterConnection): Promise<string> {
    const client = VimSoapClient.create({
      url: connection.baseUrl,
      username: connection.username,
      password: connection.password,
      tls: connection.tls,
      timeoutMs: this.options.clientSettings?.timeoutMs,
      retries: 0,
      logger: this.options.logger,
    });
    try {
      const content = await client.connect();
      await client.logout();
      return `Signed in to ${content.about.fullName || 'vCenter'} (API ${
        content.about.apiVersion
      })`;
    } finally {
      await client.close();
    }
  }

  /**
   * The URL, account and password a vCenter is read with: its own for config and API vCenters, the synced SSO
   * credential for discovered ones (so a password rotated in SDDC Manager is picked up at the next sync).
   */
  async resolveConnection(id: string): Promise<VcenterConnection> {
    const vcenter = await this.require(id);
    const connection = { baseUrl: vcenter.baseUrl, tls: vcenter.tls };
    if (vcenter.managedBy !== 'discovered') {
      const password = await this.options.vcenters.getPassword(id);
      if (password === undefined) {
        throw new Error(`vCenter "${id}" has no stored password`);
      }
      return { ...connection, username: vcenter.username, password };
    }
    const credential = vcenter.credentialId
      ? await this.options.credentials.get(vcenter.credentialId)
      : undefined;
    if (!credential || credential.removedAt) {
      throw new Error(
        `No SSO credential of ${vcenter.title} is synced from the SDDC Manager of "${vcenter.environmentId}" ` +
          '(a PSC or VCENTER credential such as administrator@vsphere.local); the vCenter cannot be read',
      );
    }
    return {
      ...connection,
      username: credential.username,
      password: await this.options.credentials.revealPassword(credential.id),
    };
  }

  /** The vCenters of a scope as `GET /inventory/summary` lists them. */
  async summaries(
    scope: InventoryScope,
  ): Promise<Array<Pick<VcenterSummary, 'id' | 'title' | 'enabled' | 'sync'>>> {
    const vcenters = await this.options.vcenters.list({
      environmentId: scope.environmentId,
      id: scope.vcenterId,
    });
    const statuses = await this.targets.statuses();
    return vcenters.map(v => ({
      id: v.id,
      title: v.title,
      enabled: v.enabled,
      sync: statusOf(v, statuses),
    }));
  }

  private async toApi(vcenters: StoredVcenter[]): Promise<VcenterSummary[]> {
    if (!vcenters.length) return [];
    const statuses = await this.targets.statuses();
    const counts = await this.options.inventory.countsByVcenter(
      vcenters.map(v => v.id),
    );
    return vcenters.map(v => ({
      id: v.id,
      title: v.title,
      baseUrl: v.baseUrl,
      username: v.username,
      environmentId: v.environmentId,
      owner: v.owner,
      enabled: v.enabled,
      managedBy: v.managedBy,
      tls: { verify: v.tls.verify, ...(v.tls.ca ? { ca: v.tls.ca } : {}) },
      intervalMinutes: v.intervalMinutes,
      sync: statusOf(v, statuses),
      counts: counts.get(v.id) ?? {},
      apiVersion: v.apiVersion,
      instanceUuid: v.instanceUuid,
    }));
  }

  private async require(id: string): Promise<StoredVcenter> {
    const vcenter = await this.options.vcenters.get(id);
    if (!vcenter) throw new NotFoundError(`No vCenter with the id "${id}"`);
    return vcenter;
  }

  /** One vCenter per URL host: a second definition of the same vCenter would sync it twice. */
  private async checkUniqueUrl(change: VcenterChange): Promise<void> {
    const host = hostOf(change.baseUrl);
    const other = (await this.options.vcenters.list()).find(
      v => v.id !== change.id && hostOf(v.baseUrl) === host,
    );
    if (other) {
      const origin =
        other.managedBy === 'discovered'
          ? `, discovered through the SDDC Manager of "${other.environmentId}"`
          : '';
      throw new ConflictError(
        `The vCenter at ${host} is already registered as "${other.title}" (id "${other.id}"${origin})`,
      );
    }
  }

  private async checkEnvironment(
    environmentId: string | undefined,
  ): Promise<void> {
    if (
      environmentId &&
      !(await this.options.environments.get(environmentId))
    ) {
      throw new InputError(`No environment with the id "${environmentId}"`);
    }
  }
}

function statusOf(
  vcenter: StoredVcenter,
  statuses: Map<string, SyncTargetStatus>,
): SyncTargetStatus {
  const id = inventoryTargetId(vcenter.id);
  return (
    statuses.get(id) ?? {
      targetId: id,
      ...(vcenter.enabled ? NEVER_SYNCED : { status: 'disabled' }),
    }
  );
}
