import type { LoggerService } from '@backstage/backend-plugin-api';
import { VsphereInventoryFetcher } from '../clients/vsphere';
import type { SyncProgressReporter } from '../sync/SyncProgressReporter';
import type { SyncRunner } from '../sync/SyncRunner';
import type { SyncTarget } from '../sync/SyncTargetStore';
import type {
  VcenterConnection,
  VsphereClientSettings,
} from '../clients/vsphere/VsphereConnection';
import type { InventoryStore } from './InventoryStore';

/**
 * Syncs the inventory of one vCenter: reads all of it with the vim25 client, then replaces the vCenter's stored
 * rows of every kind in one transaction. A failed or partial fetch throws before anything is written, so the last
 * good inventory stays. The run's counts are the rows stored per kind, and their total.
 * @public
 */
export class InventorySyncRunner implements SyncRunner {
  readonly kind = 'inventory' as const;

  constructor(
    private readonly options: {
      connections: {
        resolveConnection(vcenterId: string): Promise<VcenterConnection>;
      };
      /** The vCenter store: records the API version a sync saw. */
      vcenters: {
        setApiVersion(vcenterId: string, apiVersion: string): Promise<void>;
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
    const fetched = await VsphereInventoryFetcher.create({
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
    }).fetch();
    progress?.report({ phase: 'writing' });
    const counts = await this.options.inventory.replaceVcenterInventory(
      vcenterId,
      fetched.rows,
    );
    await this.options.vcenters.setApiVersion(vcenterId, fetched.apiVersion);
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    context.logger.debug('Stored vCenter inventory', {
      vcenter: vcenterId,
      roundTrips: fetched.roundTrips,
      relogins: fetched.relogins,
      fetchMs: fetched.durationMs,
    });
    return { counts: { ...counts, total } };
  }
}
