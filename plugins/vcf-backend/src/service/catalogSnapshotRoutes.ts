import Router from 'express-promise-router';
import { catalogSnapshotQuerySchema, parseInput } from './apiSchemas';
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import type { EnvironmentStore } from '../environments/EnvironmentStore';
import type { InventoryStore } from '../inventory/InventoryStore';
import type { VcenterStore } from '../vcenters/VcenterStore';
import { vcenterPlacements } from '../vcenters/vcenterPlacement';
import {
  inventoryRowId,
  type VcfCatalogInventoryItem,
  type VcfCatalogSnapshot,
} from '@vcf-backstage/plugin-vcf-common';

/**
 * `GET /catalog-snapshot`, for backend services only (the catalog module calls it with a service token).
 * @internal
 */
export function createCatalogSnapshotRoutes(options: {
  httpAuth: HttpAuthService;
  environments: EnvironmentStore;
  /** The vCenters and their inventory; without them the snapshot lists environments only. */
  inventory?: { vcenters: VcenterStore; inventory: InventoryStore };
}) {
  const router = Router();
  router.get('/catalog-snapshot', async (req, res) => {
    await options.httpAuth.credentials(req, { allow: ['service'] });
    const { vmNamePattern } = parseInput(
      catalogSnapshotQuerySchema,
      req.query,
      'query',
    );
    const environments = await options.environments.list();
    const snapshot: VcfCatalogSnapshot = {
      environments: environments.map(e => ({
        id: e.id,
        title: e.title,
        description: e.description,
        owner: e.owner,
      })),
      vcenters: [],
      clusters: [],
      hosts: [],
      datastores: [],
      vms: [],
    };
    if (options.inventory) {
      const vcenters = await options.inventory.vcenters.list();
      const placement = vcenterPlacements(environments, vcenters);
      snapshot.vcenters = vcenters.map(v => ({
        id: v.id,
        title: v.title,
        baseUrl: v.baseUrl,
        ...placement.get(v.id),
      }));
      const item = (row: {
        vcenterId: string;
        moref: string;
        name: string;
      }): VcfCatalogInventoryItem => ({
        id: inventoryRowId(row.vcenterId, row.moref),
        vcenterId: row.vcenterId,
        moref: row.moref,
        name: row.name,
        ...placement.get(row.vcenterId),
      });
      const rows = await options.inventory.inventory.catalogRows({
        vmNamePattern,
      });
      snapshot.clusters = rows.clusters.map(item);
      snapshot.hosts = rows.hosts.map(h => ({
        ...item(h),
        ...(h.cluster ? { cluster: h.cluster } : {}),
      }));
      snapshot.datastores = rows.datastores.map(d => ({
        ...item(d),
        hosts: d.hosts,
      }));
      snapshot.vms = rows.vms.map(vm => ({
        ...item(vm),
        ...(vm.host ? { host: vm.host } : {}),
      }));
    }
    res.json(snapshot);
  });
  return router;
}
