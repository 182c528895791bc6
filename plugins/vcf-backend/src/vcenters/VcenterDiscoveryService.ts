import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EnvironmentStore } from '../environments/EnvironmentStore';
import type { SyncTarget, SyncTargetStore } from '../sync/SyncTargetStore';
import { credentialTargetId } from '../sync/syncTargetIds';
import type { VcenterDiscovery } from './VcenterDiscovery';
import { VcenterSyncTargets } from './vcenterSyncTargets';
import type { StoredVcenter, VcenterStore } from './VcenterStore';
import { hostOf } from './vcenterUrls';

/** What the dispatcher reports after each run (see `SyncDispatcherOptions.onRunFinished`). */
interface FinishedRun {
  target: SyncTarget;
  status: 'succeeded' | 'failed';
}

/**
 * Keeps the discovered vCenters in step with SDDC Manager: after each SDDC Manager credential sync of an
 * environment with `discoverVcenters`, the vCenters it lists (found by {@link VcenterDiscovery}) are added,
 * updated or removed with their inventory targets; those of an environment that is deleted or stops discovering
 * are removed.
 * @internal
 */
export class VcenterDiscoveryService {
  private readonly targets: VcenterSyncTargets;

  constructor(
    private readonly options: {
      vcenters: VcenterStore;
      environments: EnvironmentStore;
      syncTargets: SyncTargetStore;
      discovery: VcenterDiscovery;
      logger: LoggerService;
    },
  ) {
    this.targets = new VcenterSyncTargets(options.syncTargets);
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
    await this.targets.removeFor(removed);
    const discovered = await this.options.vcenters.list({
      environmentId,
      managedBy: 'discovered',
    });
    await this.targets.declareFor(discovered);
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
      await this.targets.removeFor(removed);
    }
  }
}
