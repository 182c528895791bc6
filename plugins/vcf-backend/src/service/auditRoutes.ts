import Router from 'express-promise-router';
import { vcfAuditReadPermission } from '@vcf-backstage/plugin-vcf-common';
import type { AuditStore } from '../audit/AuditStore';
import { RouteContext, type RouteServices } from './routeContext';
import { auditQuerySchema, parseInput } from './apiSchemas';

/** `GET /audit`, for holders of `vcf.audit.read` (a denial is audited too). @internal */
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
  return router;
}
