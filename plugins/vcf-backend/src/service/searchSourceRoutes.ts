import Router from 'express-promise-router';
import { z } from 'zod';
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  VCF_SEARCH_KINDS,
  type Page,
  type VcfSearchKind,
  type VcfSearchSource,
} from '@vcf-backstage/plugin-vcf-common';
import type { EnvironmentStore } from '../environments/EnvironmentStore';
import type { InventoryStore } from '../inventory/InventoryStore';
import type { VcenterStore } from '../vcenters/VcenterStore';
import { vcenterPlacements } from '../vcenters/vcenterPlacement';
import { cursorField, parseInput, queryInteger } from './apiSchemas';

const searchSourceQuerySchema = z
  .object({
    offset: queryInteger(0, 999_999_999).default(0),
    limit: queryInteger(1, 1000).default(500),
    /** Inventory kinds: the page's nextCursor, for the page after it without walking the offset. */
    cursor: cursorField,
  })
  .strict();

function isSearchKind(value: string): value is VcfSearchKind {
  return (VCF_SEARCH_KINDS as string[]).includes(value);
}

/**
 * `GET /search-sources/:kind`, for backend services only: one page of the objects of a kind, as the search
 * collator indexes them (names, placement, addresses, owner; never a credential). Inventory pages are read in
 * SQL, ordered by vCenter and moref so the pages of a walk do not overlap, and give a `nextCursor` that reads the
 * page after them as an index range (a walk through 50,000 VMs by offset would read every page before each).
 * @internal
 */
export function createSearchSourceRoutes(options: {
  httpAuth: HttpAuthService;
  environments: EnvironmentStore;
  inventory?: { vcenters: VcenterStore; inventory: InventoryStore };
}) {
  const router = Router();
  router.get('/search-sources/:kind', async (req, res) => {
    await options.httpAuth.credentials(req, { allow: ['service'] });
    const kind = req.params.kind;
    if (!isSearchKind(kind)) {
      throw new NotFoundError(
        `No search source "${kind}"; use one of ${VCF_SEARCH_KINDS.join(', ')}`,
      );
    }
    const { offset, limit, cursor } = parseInput(
      searchSourceQuerySchema,
      req.query,
      'query',
    );
    if (
      cursor !== undefined &&
      (kind === 'environments' || kind === 'vcenters')
    )
      throw new InputError(
        `The ${kind} search sources page by offset only; cursor applies to inventory kinds`,
      );
    const environments = await options.environments.list();
    let page: Page<VcfSearchSource>;
    if (kind === 'environments') {
      // Environments are few (one per VCF instance); they are listed whole and cut into the page here.
      const items = environments.map<VcfSearchSource>(e => ({
        kind,
        id: e.id,
        name: e.title,
        description: e.description,
        environmentId: e.id,
        owner: e.owner,
      }));
      page = {
        items: items.slice(offset, offset + limit),
        totalCount: items.length,
      };
    } else if (!options.inventory) {
      page = { items: [], totalCount: 0 };
    } else {
      const vcenters = await options.inventory.vcenters.list();
      const placement = vcenterPlacements(environments, vcenters);
      if (kind === 'vcenters') {
        const items = vcenters.map<VcfSearchSource>(v => ({
          kind,
          id: v.id,
          name: v.title,
          description: v.baseUrl,
          vcenterId: v.id,
          ...placement.get(v.id),
        }));
        page = {
          items: items.slice(offset, offset + limit),
          totalCount: items.length,
        };
      } else {
        page = await listInventorySources(
          options.inventory.inventory,
          kind,
          cursor !== undefined ? { cursor, limit } : { offset, limit },
          placement,
        );
      }
    }
    res.json(page);
  });
  return router;
}

async function listInventorySources(
  inventory: InventoryStore,
  kind: Exclude<VcfSearchKind, 'environments' | 'vcenters'>,
  paging: { limit: number } & ({ offset: number } | { cursor: string }),
  placement: ReturnType<typeof vcenterPlacements>,
): Promise<Page<VcfSearchSource>> {
  const query = {
    ...paging,
    orderBy: 'vcenterId' as const,
    order: 'asc' as const,
  };
  const base = (row: {
    id: string;
    vcenterId: string;
    name: string;
  }): VcfSearchSource => ({
    kind,
    id: row.id,
    name: row.name,
    vcenterId: row.vcenterId,
    ...placement.get(row.vcenterId),
  });
  // The count and the cursor to the next page, as the inventory list gave them.
  const pageOf = (page: Page<unknown>) => ({
    totalCount: page.totalCount,
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  });
  switch (kind) {
    case 'vms': {
      const page = await inventory.list('vms', query);
      return {
        ...pageOf(page),
        items: page.items.map(vm => ({
          ...base(vm),
          cluster: vm.cluster,
          host: vm.host,
          guestOs: vm.guestOs,
          ipAddresses: vm.ipAddresses,
          powerState: vm.powerState,
        })),
      };
    }
    case 'hosts': {
      const page = await inventory.list('hosts', query);
      return {
        ...pageOf(page),
        items: page.items.map(host => ({
          ...base(host),
          cluster: host.cluster,
        })),
      };
    }
    case 'datastores': {
      const page = await inventory.list('datastores', query);
      return {
        ...pageOf(page),
        items: page.items.map(datastore => ({
          ...base(datastore),
          description: datastore.type,
        })),
      };
    }
    default: {
      const page = await inventory.list('clusters', query);
      return { ...pageOf(page), items: page.items.map(base) };
    }
  }
}
