import Router from 'express-promise-router';
import { NotFoundError } from '@backstage/errors';
import {
  INVENTORY_KINDS,
  vcfInventoryReadPermission,
  type InventoryKind,
  type InventorySummary,
} from '@vcf-backstage/plugin-vcf-common';
import {
  writeTableExport,
  writeWorkbookExport,
  type ExportFormat,
} from '../export/TableExportWriter';
import {
  INVENTORY_EXPORTS,
  INVENTORY_WORKBOOK_KINDS,
} from '../inventory/inventoryExportColumns';
import {
  isDetailKind,
  readInventoryDetailById,
} from '../inventory/inventoryDetail';
import { isInventoryKind } from '../inventory/inventoryTables';
import type {
  InventoryListQuery,
  InventoryStore,
} from '../inventory/InventoryStore';
import type { VcenterService } from '../vcenters/VcenterService';
import { RouteContext, type RouteServices } from './routeContext';
import {
  inventoryChangeQuerySchema,
  inventoryWorkbookQuerySchema,
  inventoryExportQuerySchema,
  inventoryListQuerySchema,
  inventoryScopeSchema,
  parseInput,
  topItemsQuerySchema,
} from './apiSchemas';

function kindOf(value: string): InventoryKind {
  if (!isInventoryKind(value)) {
    throw new NotFoundError(
      `No inventory kind "${value}"; use one of ${INVENTORY_KINDS.join(', ')}`,
    );
  }
  return value;
}

/**
 * `/inventory`: the summary, top VMs/hosts, each kind's list (paged, sorted and filtered in SQL) and its CSV/XLSX
 * export; all under `vcf.inventory.read`, exports audited.
 * @internal
 */
export function createInventoryRoutes(
  options: RouteServices & {
    inventory: InventoryStore;
    vcenterService: VcenterService;
  },
) {
  const { inventory, vcenterService } = options;
  const router = Router();
  const reader = async (req: Parameters<typeof RouteContext.from>[0]) => {
    const ctx = await RouteContext.from(req, options);
    await ctx.require(vcfInventoryReadPermission, { action: 'inventory.read' });
    return ctx;
  };

  router.get('/inventory/summary', async (req, res) => {
    await reader(req);
    const scope = parseInput(inventoryScopeSchema, req.query, 'query');
    const summary: InventorySummary = {
      counts: await inventory.counts(scope),
      alarmsBySeverity: await inventory.alarmsBySeverity(scope),
      vcenters: await vcenterService.summaries(scope),
    };
    res.json(summary);
  });

  router.get('/inventory/top', async (req, res) => {
    await reader(req);
    const { type, metric, limit, ...scope } = parseInput(
      topItemsQuerySchema,
      req.query,
      'query',
    );
    res.json(await inventory.top({ type, metric, limit, scope }));
  });

  router.get('/inventory/changes', async (req, res) => {
    await reader(req);
    const query = parseInput(inventoryChangeQuerySchema, req.query, 'query');
    res.json(await inventory.listChanges(query));
  });

  router.get('/inventory/export', async (req, res) => {
    const ctx = await reader(req);
    const scope = parseInput(inventoryWorkbookQuerySchema, req.query, 'query');
    const sheets = INVENTORY_WORKBOOK_KINDS.map(kind => ({
      ...INVENTORY_EXPORTS[kind],
      rows: inventory.iterate(kind, {
        vcenterId: scope.vcenterId,
        environmentId: scope.environmentId,
        orderBy: 'vcenterId',
      }),
    }));
    await ctx.audited(
      'inventory.export',
      {
        vcenterId: scope.vcenterId,
        environmentId: scope.environmentId,
        details: { kind: 'workbook', format: 'xlsx' },
      },
      async outcome => {
        const { rowCount } = await writeWorkbookExport(res, {
          filename: `vcf-inventory${
            scope.vcenterId ? `-${scope.vcenterId}` : ''
          }`,
          sheets,
        });
        outcome.addDetails({ rows: rowCount });
      },
    );
  });

  router.get('/inventory/:kind', async (req, res) => {
    await reader(req);
    const kind = kindOf(req.params.kind);
    const query = parseInput(inventoryListQuerySchema, req.query, 'query');
    res.json(await inventory.list(kind, query));
  });

  /** One kind's rows with that kind's columns. */
  function exportOf<K extends InventoryKind>(
    kind: K,
    query: InventoryListQuery & { format: ExportFormat },
  ) {
    return {
      format: query.format,
      filename: `vcf-${kind}${query.vcenterId ? `-${query.vcenterId}` : ''}`,
      sheetName: INVENTORY_EXPORTS[kind].sheetName,
      columns: INVENTORY_EXPORTS[kind].columns,
      rows: inventory.iterate(kind, query),
    };
  }

  router.get('/inventory/:kind/export', async (req, res) => {
    const ctx = await reader(req);
    const kind = kindOf(req.params.kind);
    const query = parseInput(inventoryExportQuerySchema, req.query, 'query');
    await ctx.audited(
      'inventory.export',
      {
        vcenterId: query.vcenterId,
        environmentId: query.environmentId,
        details: {
          kind,
          format: query.format,
          ...(query.q ? { q: query.q } : {}),
        },
      },
      async outcome => {
        const { rowCount } = await writeTableExport(res, exportOf(kind, query));
        outcome.addDetails({ rows: rowCount });
      },
    );
  });

  router.get('/inventory/:kind/:id', async (req, res) => {
    await reader(req);
    const kind = kindOf(req.params.kind);
    if (!isDetailKind(kind)) {
      throw new NotFoundError(
        `Inventory ${kind} have no detail; VMs and hosts do`,
      );
    }
    res.json(
      await readInventoryDetailById(
        inventory,
        vcenterService,
        kind,
        req.params.id,
      ),
    );
  });

  return router;
}
