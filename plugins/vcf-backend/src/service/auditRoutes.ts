import Router from 'express-promise-router';
import {
  vcfAuditReadPermission,
  type AuditEntry,
} from '@vcf-backstage/plugin-vcf-common';
import type { AuditStore } from '../audit/AuditStore';
import {
  writeTableExport,
  type ExportColumn,
} from '../export/TableExportWriter';
import { RouteContext, type RouteServices } from './routeContext';
import {
  auditExportQuerySchema,
  auditQuerySchema,
  parseInput,
} from './apiSchemas';

const EXPORT_COLUMNS: ExportColumn<AuditEntry>[] = [
  { header: 'Time', value: e => e.at },
  { header: 'Actor', value: e => e.actor },
  { header: 'Action', value: e => e.action },
  { header: 'Outcome', value: e => e.result },
  { header: 'Environment', value: e => e.environmentId },
  { header: 'Credential', value: e => e.credentialId },
  { header: 'vCenter', value: e => e.vcenterId },
  {
    header: 'Details',
    value: e => (e.details ? JSON.stringify(e.details) : undefined),
  },
];

/**
 * `GET /audit` and `GET /audit/export` (the same filters, streamed as CSV or XLSX), for holders of
 * `vcf.audit.read`. Both are audited, denials too.
 * @internal
 */
export function createAuditRoutes(
  options: RouteServices & { auditStore: AuditStore },
) {
  const router = Router();
  router.get('/audit', async (req, res) => {
    const ctx = await RouteContext.from(req, options);
    await ctx.require(vcfAuditReadPermission, { action: 'audit.read' });
    const query = parseInput(auditQuerySchema, req.query, 'query');
    res.json(await options.auditStore.list(query));
  });

  router.get('/audit/export', async (req, res) => {
    const ctx = await RouteContext.from(req, options);
    const { format, ...filter } = parseInput(
      auditExportQuerySchema,
      req.query,
      'query',
    );
    await ctx.audited(
      'audit.export',
      { environmentId: filter.environmentId, details: { format, filter } },
      async outcome => {
        const { rowCount } = await writeTableExport(res, {
          format,
          filename: 'vcf-audit',
          sheetName: 'Audit',
          columns: EXPORT_COLUMNS,
          rows: options.auditStore.iterate(filter),
        });
        outcome.addDetails({ rows: rowCount });
      },
      { permission: vcfAuditReadPermission },
    );
  });
  return router;
}
