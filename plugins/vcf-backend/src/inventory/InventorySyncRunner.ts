import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  VsphereInventoryFetcher,
  type VsphereInventoryFetchSummary,
} from '../clients/vsphere';
import type { SyncProgressReporter } from '../sync/SyncProgressReporter';
import type { SyncRunner } from '../sync/SyncRunner';
import type { SyncTarget } from '../sync/SyncTargetStore';
import type {
  VcenterConnection,
  VsphereClientSettings,
} from '../clients/vsphere/VsphereConnection';
import type { InventoryStore } from './InventoryStore';

/**
 * Syncs the inventory of one vCenter as a stream: each page the vim25 client reads goes to the store's staging
 * rows as it arrives, and a complete fetch is swapped into the live inventory in one short transaction. A failed
 * or partial fetch discards the staged rows, so the last good inventory stays whole. The run's counts are the
 * rows stored per kind, and their total.
 * @internal
 */
export class InventorySyncRunner implements SyncRunner {
  readonly kind = 'inventory' as const;

  constructor(
    private readonly options: {
      connections: {
        resolveConnection(vcenterId: string): Promise<VcenterConnection>;
      };
      /** The vCenter store: records the API version and instance UUID a sync saw. */
      vcenters: {
        recordAbout(
          vcenterId: string,
          about: { apiVersion: string; instanceUuid?: string },
        ): Promise<void>;
      };
      inventory: InventoryStore;
      clientSettings?: VsphereClientSettings;
    },
  ) {}

  async run(
    target: SyncTarget,
    context: { logger: LoggerService; progress?: SyncProgressReporter },
  ) {
    const progress = context.progress;
    const vcenterId = target.vcenterId;
    if (!vcenterId) {
      throw new Error(`Sync target ${target.id} names no vCenter`);
    }
    const connection = await this.options.connections.resolveConnection(
      vcenterId,
    );
    const settings = this.options.clientSettings ?? {};
    progress?.report({ phase: 'logging-in' });
    const fetcher = VsphereInventoryFetcher.create({
      vcenterId,
      url: connection.baseUrl,
      username: connection.username,
      password: connection.password,
      tls: connection.tls,
      pageSize: settings.pageSize,
      maxEvents: settings.maxEvents,
      timeoutMs: settings.timeoutMs,
      retries: settings.retries,
      logger: context.logger,
      onProgress: update => progress?.report({ phase: 'fetching', ...update }),
    });
    const staged = await this.options.inventory.stageVcenterInventory(
      vcenterId,
    );
    let fetched: VsphereInventoryFetchSummary;
    try {
      fetched = await fetcher.stream(staged);
    } catch (error) {
      await staged.abort();
      throw error;
    }
    progress?.report({ phase: 'writing' });
    const counts = await staged.commit();
    await this.options.vcenters.recordAbout(vcenterId, {
      apiVersion: fetched.apiVersion,
      instanceUuid: fetched.instanceUuid,
    });
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    context.logger.debug('Stored vCenter inventory', {
      vcenter: vcenterId,
      roundTrips: fetched.roundTrips,
      relogins: fetched.relogins,
      fetchMs: fetched.durationMs,
    });
    // roundTrips: every SOAP call of the fetch, which pages grow (shown with the result).
    return { counts: { ...counts, total, roundTrips: fetched.roundTrips } };
  }
}
