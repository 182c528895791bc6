import Router from 'express-promise-router';
import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  vcfInventoryReadPermission,
  vcfVcenterManagePermission,
} from '@vcf-backstage/plugin-vcf-common';
import type {
  VcfAuditAction,
  VcfAuditEvent,
  VcfAuditLog,
} from '../audit/VcfAuditLog';
import type { VcenterService } from '../vcenters/VcenterService';
import type { VcenterChange } from '../vcenters/VcenterStore';
import { RouteContext } from './routeContext';
import {
  parseInput,
  vcenterInputSchema,
  type VcenterInputBody,
} from './apiSchemas';

const DEFAULT_INTERVAL_MINUTES = 15;

function toChange(
  body: VcenterInputBody,
  existing?: { enabled: boolean; intervalMinutes: number },
): VcenterChange {
  return {
    id: body.id,
    title: body.title,
    baseUrl: body.baseUrl,
    username: body.username,
    password: body.password,
    environmentId: body.environmentId,
    owner: body.owner,
    // Left out on update: keep what is stored.
    enabled: body.enabled ?? existing?.enabled ?? true,
    tls: { verify: body.tls?.verify ?? true, ca: body.tls?.ca },
    intervalMinutes:
      body.intervalMinutes ??
      existing?.intervalMinutes ??
      DEFAULT_INTERVAL_MINUTES,
  };
}

/** Runs a change as an audited action: succeeded or failed, whatever happens. */
async function audited<T>(
  event: VcfAuditEvent,
  action: () => Promise<T>,
): Promise<T> {
  try {
    const result = await action();
    await event.succeeded();
    return result;
  } catch (error) {
    await event.failed(error as Error);
    throw error;
  }
}

/**
 * `/vcenters`: list (`vcf.inventory.read`); create, update, delete, purge, sync now and test the connection
 * (`vcf.vcenter.manage`, audited). Answers never carry a password.
 * @internal
 */
export function createVcenterRoutes(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  vcenterService: VcenterService;
  audit: VcfAuditLog;
  onSyncRequested: () => void;
}) {
  const { httpAuth, permissions, vcenterService, audit } = options;
  const router = Router();
  const context = (req: Parameters<typeof RouteContext.from>[0]) =>
    RouteContext.from(req, httpAuth, permissions);

  /** Checks `vcf.vcenter.manage` (auditing a denial) and starts the audit event of the action. */
  async function beginManaged(
    ctx: RouteContext,
    req: Parameters<typeof RouteContext.from>[0],
    action: VcfAuditAction,
    vcenterId: string,
    environmentId?: string,
  ): Promise<VcfAuditEvent> {
    const begin = () =>
      audit.begin(action, { actor: ctx.actor, vcenterId, environmentId }, req);
    await ctx.require(vcfVcenterManagePermission, undefined, begin);
    return begin();
  }

  router.get('/vcenters', async (req, res) => {
    const ctx = await context(req);
    await ctx.require(vcfInventoryReadPermission);
    res.json(await vcenterService.list());
  });

  router.get('/vcenters/:id', async (req, res) => {
    const ctx = await context(req);
    await ctx.require(vcfInventoryReadPermission);
    res.json(await vcenterService.get(req.params.id));
  });

  router.post('/vcenters', async (req, res) => {
    const ctx = await context(req);
    const body = parseInput(vcenterInputSchema, req.body, 'vCenter');
    const event = await beginManaged(
      ctx,
      req,
      'vcenter.create',
      body.id,
      body.environmentId,
    );
    const created = await audited(event, () =>
      vcenterService.create(toChange(body)),
    );
    options.onSyncRequested();
    res.status(201).json(created);
  });

  router.put('/vcenters/:id', async (req, res) => {
    const ctx = await context(req);
    const body = parseInput(
      vcenterInputSchema,
      { ...req.body, id: req.params.id },
      'vCenter',
    );
    const event = await beginManaged(
      ctx,
      req,
      'vcenter.update',
      body.id,
      body.environmentId,
    );
    const updated = await audited(event, async () => {
      const existing = await vcenterService.get(body.id);
      return vcenterService.update(toChange(body, existing));
    });
    options.onSyncRequested();
    res.json(updated);
  });

  router.delete('/vcenters/:id', async (req, res) => {
    const ctx = await context(req);
    const event = await beginManaged(ctx, req, 'vcenter.delete', req.params.id);
    await audited(event, () => vcenterService.delete(req.params.id));
    res.status(204).end();
  });

  router.post('/vcenters/:id/purge', async (req, res) => {
    const ctx = await context(req);
    const event = await beginManaged(ctx, req, 'vcenter.purge', req.params.id);
    await audited(event, () => vcenterService.purge(req.params.id));
    res.status(204).end();
  });

  router.post('/vcenters/:id/sync', async (req, res) => {
    const ctx = await context(req);
    const event = await beginManaged(ctx, req, 'sync.trigger', req.params.id);
    const target = await audited(event, () =>
      vcenterService.requestSync(req.params.id, ctx.actor),
    );
    options.onSyncRequested();
    res.status(202).json({ targets: [target] });
  });

  router.post('/vcenters/:id/test-connection', async (req, res) => {
    const ctx = await context(req);
    await ctx.require(vcfVcenterManagePermission);
    res.json(await vcenterService.testConnection(req.params.id));
  });

  return router;
}
