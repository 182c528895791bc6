import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import type {
  ConnectionTestResult,
  SyncTargetStatus,
  VcenterSummary,
} from '@vcf-backstage/plugin-vcf-common';
import { VimSoapClient } from '../clients/vsphere';
import type { VcenterDefinition } from '../config/readVcfConfig';
import type { CredentialStore } from '../credentials/CredentialStore';
import { credentialTargetId, inventoryTargetId } from '../sync/syncTargetIds';
import type {
  VcenterConnection,
  VsphereClientSettings,
} from '../clients/vsphere/VsphereConnection';
import type { EnvironmentStore } from '../environments/EnvironmentStore';
import { toSyncTargetStatus } from '../sync/syncTargetStatus';
import type {
  InventoryScope,
  InventoryStore,
} from '../inventory/InventoryStore';
import type { SyncTarget, SyncTargetStore } from '../sync/SyncTargetStore';
import type { VcenterDiscovery } from './VcenterDiscovery';
import type {
  StoredVcenter,
  VcenterChange,
  VcenterStore,
} from './VcenterStore';

// Defined lower down (sync/, clients/) so that inventory does not depend on vcenters; re-exported for callers.
export { inventoryTargetId } from '../sync/syncTargetIds';
export type { VcenterConnection, VsphereClientSettings };

/** What the dispatcher reports after each run (see `SyncDispatcherOptions.onRunFinished`). */
interface FinishedRun {
  target: SyncTarget;
  status: 'succeeded' | 'failed';
}

const NEVER_SYNCED: Omit<SyncTargetStatus, 'targetId'> = { status: 'never' };

/**
 * vCenters with their inventory sync targets: applies `vcf.vcenters`, changes API-managed vCenters, discovers
 * those of environments with `discoverVcenters` after each SDDC Manager credential sync, and assembles what the
 * API shows. A disabled vCenter's target is disabled, so the dispatcher never syncs it.
 * @public
 */
export class VcenterService {
  constructor(
    private readonly options: {
      vcenters: VcenterStore;
      inventory: InventoryStore;
      environments: EnvironmentStore;
      credentials: CredentialStore;
      syncTargets: SyncTargetStore;
      discovery: VcenterDiscovery;
      logger: LoggerService;
      clientSettings?: VsphereClientSettings;
    },
  ) {}

  /** Applies `vcf.vcenters` from config at startup, and drops discovered vCenters whose environment went away. */
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
    await this.pruneDiscovered();
    const all = await this.options.vcenters.list();
    for (const vcenter of all) await this.declareTarget(vcenter);
    await this.options.syncTargets.removeTargetsExcept(
      'inventory',
      all.map(v => inventoryTargetId(v.id)),
    );
  }

  private async declareTarget(vcenter: StoredVcenter): Promise<void> {
    await this.options.syncTargets.declareTarget({
      id: inventoryTargetId(vcenter.id),
      kind: 'inventory',
      vcenterId: vcenter.id,
      environmentId: vcenter.environmentId,
      enabled: vcenter.enabled,
      intervalSeconds: vcenter.intervalMinutes * 60,
    });
  }

  async list(filter?: { environmentId?: string }): Promise<VcenterSummary[]> {
    return this.toApi(await this.options.vcenters.list(filter));
  }

  async get(id: string): Promise<VcenterSummary> {
    const [summary] = await this.toApi([await this.require(id)]);
    return summary;
  }

  async create(change: VcenterChange): Promise<VcenterSummary> {
    await this.checkEnvironment(change.environmentId);
    await this.options.vcenters.create(change);
    await this.declareTarget((await this.options.vcenters.get(change.id))!);
    return this.get(change.id);
  }

  async update(change: VcenterChange): Promise<VcenterSummary> {
    await this.checkEnvironment(change.environmentId);
    await this.options.vcenters.update(change);
    await this.declareTarget((await this.options.vcenters.get(change.id))!);
    return this.get(change.id);
  }

  /** Deletes an API-managed vCenter with its inventory and sync history. */
  async delete(id: string): Promise<void> {
    await this.options.vcenters.delete(id);
    await this.options.syncTargets.removeTarget(inventoryTargetId(id));
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
    await this.options.syncTargets.requestRun(
      inventoryTargetId(id),
      requestedBy,
    );
    const target = await this.options.syncTargets.getTarget(
      inventoryTargetId(id),
    );
    return target
      ? toSyncTargetStatus(target)
      : { targetId: inventoryTargetId(id), ...NEVER_SYNCED };
  }

  /** Logs in to the vCenter with its service account and logs out again. */
  async testConnection(id: string): Promise<ConnectionTestResult> {
    const started = Date.now();
    const result = (ok: boolean, message: string): ConnectionTestResult => ({
      ok,
      results: [
        { source: 'vcenter', ok, message, durationMs: Date.now() - started },
      ],
    });
    await this.require(id);
    let connection: VcenterConnection;
    try {
      connection = await this.resolveConnection(id);
    } catch (error) {
      return result(false, (error as Error).message);
    }
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
      return result(
        true,
        `Signed in to ${content.about.fullName || 'vCenter'} (API ${
          content.about.apiVersion
        })`,
      );
    } catch (error) {
      return result(false, (error as Error).message);
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

  /**
   * Runs after every sync run: a successful SDDC Manager credential sync of an environment with
   * `discoverVcenters` (re)discovers its vCenters; any run drops discovered vCenters whose environment is gone or no
   * longer discovers. Never throws: a failure is logged and the credential sync stays succeeded.
   */
  async afterSyncRun(run: FinishedRun): Promise<void> {
    const { target } = run;
    try {
      if (
        run.status === 'succeeded' &&
        target.kind === 'credentials' &&
        target.environmentId &&
        target.id === credentialTargetId(target.environmentId, 'sddc-manager')
      ) {
        await this.discover(target.environmentId);
      }
      await this.pruneDiscovered();
    } catch (error) {
      this.options.logger.warn(
        'vCenter discovery failed; the vCenters found before are kept',
        {
          target: target.id,
          error: (error as Error).message,
        },
      );
    }
  }

  /** Reads the environment's vCenters from SDDC Manager and makes the discovered ones match. */
  async discover(environmentId: string): Promise<StoredVcenter[]> {
    const environment = await this.options.environments.get(environmentId);
    if (!environment?.discoverVcenters) return [];
    // A vCenter already configured or added through the API is synced under that definition, not twice.
    const known = new Set(
      (await this.options.vcenters.list())
        .filter(v => v.managedBy !== 'discovered')
        .map(v => hostOf(v.baseUrl)),
    );
    const found = (await this.options.discovery.discover(environment)).filter(
      v => !known.has(hostOf(v.baseUrl)),
    );
    const { removed, skipped } =
      await this.options.vcenters.replaceDiscoveredVcenters(
        environmentId,
        found,
      );
    for (const id of skipped) {
      this.options.logger.warn(
        'A discovered vCenter has the id of a configured one and is skipped',
        {
          environment: environmentId,
          vcenter: id,
        },
      );
    }
    for (const id of removed)
      await this.options.syncTargets.removeTarget(inventoryTargetId(id));
    const discovered = await this.options.vcenters.list({
      environmentId,
      managedBy: 'discovered',
    });
    for (const vcenter of discovered) await this.declareTarget(vcenter);
    this.options.logger.info('Discovered vCenters', {
      environment: environmentId,
      count: discovered.length,
    });
    return discovered;
  }

  /** Removes discovered vCenters of environments that are gone or have `discoverVcenters` off. */
  async pruneDiscovered(): Promise<void> {
    const discovered = await this.options.vcenters.list({
      managedBy: 'discovered',
    });
    if (!discovered.length) return;
    const discovering = new Set(
      (await this.options.environments.list())
        .filter(e => e.discoverVcenters)
        .map(e => e.id),
    );
    const orphaned = new Set(
      discovered
        .map(v => v.environmentId!)
        .filter(environmentId => !discovering.has(environmentId)),
    );
    for (const environmentId of orphaned) {
      const { removed } = await this.options.vcenters.replaceDiscoveredVcenters(
        environmentId,
        [],
      );
      for (const id of removed)
        await this.options.syncTargets.removeTarget(inventoryTargetId(id));
    }
  }

  /** The vCenters of a scope as `GET /inventory/summary` lists them. */
  async summaries(
    scope: InventoryScope,
  ): Promise<Array<Pick<VcenterSummary, 'id' | 'title' | 'enabled' | 'sync'>>> {
    const vcenters = await this.options.vcenters.list({
      environmentId: scope.environmentId,
      id: scope.vcenterId,
    });
    const statuses = await this.statuses();
    return vcenters.map(v => ({
      id: v.id,
      title: v.title,
      enabled: v.enabled,
      sync: statusOf(v, statuses),
    }));
  }

  private async statuses(): Promise<Map<string, SyncTargetStatus>> {
    const targets = await this.options.syncTargets.listTargets({
      kind: 'inventory',
    });
    return new Map(targets.map(t => [t.id, toSyncTargetStatus(t)]));
  }

  private async toApi(vcenters: StoredVcenter[]): Promise<VcenterSummary[]> {
    if (!vcenters.length) return [];
    const statuses = await this.statuses();
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
    }));
  }

  private async require(id: string): Promise<StoredVcenter> {
    const vcenter = await this.options.vcenters.get(id);
    if (!vcenter) throw new NotFoundError(`No vCenter with the id "${id}"`);
    return vcenter;
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

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host.toLowerCase();
  } catch {
    return baseUrl.toLowerCase();
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
