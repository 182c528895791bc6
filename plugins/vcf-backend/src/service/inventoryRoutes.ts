import type { Response } from 'express';
import Router from 'express-promise-router';
import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  INVENTORY_KINDS,
  vcfInventoryReadPermission,
  type InventoryKind,
  type InventorySummary,
} from '@vcf-backstage/plugin-vcf-common';
import type { VcfAuditLog } from '../audit/VcfAuditLog';
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
  parseInventoryRowId,
  readInventoryDetail,
} from '../inventory/inventoryDetail';
import { isInventoryKind } from '../inventory/inventoryTables';
import type {
  InventoryListQuery,
  InventoryStore,
} from '../inventory/InventoryStore';
import type { VcenterService } from '../vcenters/VcenterService';
import { RouteContext } from './routeContext';
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
export function createInventoryRoutes(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  inventory: InventoryStore;
  vcenterService: VcenterService;
  audit: VcfAuditLog;
}) {
  const { httpAuth, permissions, inventory, vcenterService, audit } = options;
  const router = Router();
  const reader = async (req: Parameters<typeof RouteContext.from>[0]) => {
    const ctx = await RouteContext.from(req, httpAuth, permissions);
    await ctx.require(vcfInventoryReadPermission);
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
    const event = await audit.begin(
      'inventory.export',
      {
        actor: ctx.actor,
        vcenterId: scope.vcenterId,
        environmentId: scope.environmentId,
        details: { kind: 'workbook', format: 'xlsx' },
      },
      req,
    );
    try {
      const { rowCount } = await writeWorkbookExport(res, {
        filename: `vcf-inventory${
          scope.vcenterId ? `-${scope.vcenterId}` : ''
        }`,
        sheets,
      });
      await event.succeeded({ rows: rowCount });
    } catch (error) {
      await event.failed(error as Error);
      if (!res.headersSent) throw error;
      res.destroy(error as Error);
    }
  });

  router.get('/inventory/:kind', async (req, res) => {
    await reader(req);
    const kind = kindOf(req.params.kind);
    const query = parseInput(inventoryListQuerySchema, req.query, 'query');
    res.json(await inventory.list(kind, query));
  });

  /**
   * Prepares the export of one kind's rows with its columns. Sort and filters are checked here, before the audit
   * event and the response start, so a bad query is a plain 400.
   */
  function prepareExport<K extends InventoryKind>(
    kind: K,
    query: InventoryListQuery & { format: ExportFormat },
  ) {
    const rows = inventory.iterate(kind, query);
    const { sheetName, columns } = INVENTORY_EXPORTS[kind];
    return (res: Response) =>
      writeTableExport(res, {
        format: query.format,
        filename: `vcf-${kind}${query.vcenterId ? `-${query.vcenterId}` : ''}`,
        sheetName,
        columns,
        rows,
      });
  }

  router.get('/inventory/:kind/export', async (req, res) => {
    const ctx = await reader(req);
    const kind = kindOf(req.params.kind);
    const {
      offset: _offset,
      limit: _limit,
      ...query
    } = parseInput(inventoryExportQuerySchema, req.query, 'query');
    const writeExport = prepareExport(kind, query);
    const event = await audit.begin(
      'inventory.export',
      {
        actor: ctx.actor,
        vcenterId: query.vcenterId,
        environmentId: query.environmentId,
        details: {
          kind,
          format: query.format,
          ...(query.q ? { q: query.q } : {}),
        },
      },
      req,
    );
    try {
      const { rowCount } = await writeExport(res);
      await event.succeeded({ rows: rowCount });
    } catch (error) {
      await event.failed(error as Error);
      if (!res.headersSent) throw error;
      res.destroy(error as Error);
    }
  });

  router.get('/inventory/:kind/:id', async (req, res) => {
    await reader(req);
    const kind = kindOf(req.params.kind);
    if (!isDetailKind(kind)) {
      throw new NotFoundError(
        `Inventory ${kind} have no detail; VMs and hosts do`,
      );
    }
    const { vcenterId, moref } = parseInventoryRowId(req.params.id);
    const vcenter = await vcenterService.get(vcenterId);
    res.json(await readInventoryDetail(inventory, vcenter, kind, moref));
  });

  return router;
}
