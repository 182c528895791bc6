import Router from 'express-promise-router';
import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { vcfAuditReadPermission } from '@vcf-backstage/plugin-vcf-common';
import type { AuditStore } from '../audit/AuditStore';
import { RouteContext } from './routeContext';
import { auditQuerySchema, parseInput } from './apiSchemas';

/** `GET /audit`, for holders of `vcf.audit.read`. @internal */
export function createAuditRoutes(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditStore: AuditStore;
}) {
  const router = Router();
  router.get('/audit', async (req, res) => {
    const ctx = await RouteContext.from(
      req,
      options.httpAuth,
      options.permissions,
    );
    await ctx.require(vcfAuditReadPermission);
    const query = parseInput(auditQuerySchema, req.query, 'query');
    res.json(await options.auditStore.list(query));
  });
  return router;
}
