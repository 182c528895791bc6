import Router from 'express-promise-router';
import {
  type ConnectionTestResult,
  vcfInventoryReadPermission,
  vcfVcenterManagePermission,
} from '@vcf-backstage/plugin-vcf-common';
import type { VcenterService } from '../vcenters/VcenterService';
import type { VcenterChange } from '../vcenters/VcenterStore';
import { RouteContext, type RouteServices } from './routeContext';
import {
  emptyBodySchema,
  parseInput,
  vcenterInputSchema,
  type VcenterInputBody,
} from './apiSchemas';
import { checkIdParam } from './apiSchemas';

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

/**
 * `/vcenters`: list (`vcf.inventory.read`); create, update, delete, purge, sync now and test the connection of a
 * stored vCenter or of a definition before it is saved (`vcf.vcenter.manage`, audited). A URL that another vCenter
 * already has is a 409. Answers never carry a password.
 * @internal
 */
export function createVcenterRoutes(
  options: RouteServices & {
    vcenterService: VcenterService;
    onSyncRequested: () => void;
  },
) {
  const { vcenterService } = options;
  const router = Router();
  router.param('id', checkIdParam);
  const context = (req: Parameters<typeof RouteContext.from>[0]) =>
    RouteContext.from(req, options);
  const manage = { permission: vcfVcenterManagePermission };

  /** `vcf.inventory.read`, a denial audited; then the vCenter must exist. */
  async function readable(ctx: RouteContext, vcenterId?: string) {
    await ctx.require(vcfInventoryReadPermission, {
      action: 'inventory.read',
      subject: vcenterId ? { vcenterId } : {},
    });
  }

  router.get('/vcenters', async (req, res) => {
    const ctx = await context(req);
    parseInput(emptyBodySchema, req.query, 'query');
    await readable(ctx);
    res.json(await vcenterService.list());
  });

  router.get('/vcenters/:id', async (req, res) => {
    const ctx = await context(req);
    parseInput(emptyBodySchema, req.query, 'query');
    await readable(ctx, req.params.id);
    res.json(await vcenterService.get(req.params.id));
  });

  router.post('/vcenters', async (req, res) => {
    const ctx = await context(req);
    const body = parseInput(vcenterInputSchema, req.body, 'vCenter');
    const created = await ctx.audited(
      'vcenter.create',
      { vcenterId: body.id, environmentId: body.environmentId },
      () => vcenterService.create(toChange(body)),
      manage,
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
    const updated = await ctx.audited(
      'vcenter.update',
      { vcenterId: body.id, environmentId: body.environmentId },
      async () => {
        const existing = await vcenterService.get(body.id);
        return vcenterService.update(toChange(body, existing));
      },
      manage,
    );
    options.onSyncRequested();
    res.json(updated);
  });

  router.delete('/vcenters/:id', async (req, res) => {
    const ctx = await context(req);
    const id = req.params.id;
    await ctx.audited(
      'vcenter.delete',
      { vcenterId: id },
      async () => {
        await vcenterService.get(id);
        await vcenterService.delete(id);
      },
      manage,
    );
    res.status(204).end();
  });

  router.post('/vcenters/:id/purge', async (req, res) => {
    const ctx = await context(req);
    parseInput(emptyBodySchema, req.body ?? {}, 'body');
    await ctx.audited(
      'vcenter.purge',
      { vcenterId: req.params.id },
      () => vcenterService.purge(req.params.id),
      manage,
    );
    res.status(204).end();
  });

  router.post('/vcenters/:id/sync', async (req, res) => {
    const ctx = await context(req);
    parseInput(emptyBodySchema, req.body ?? {}, 'body');
    const target = await ctx.audited(
      'sync.trigger',
      { vcenterId: req.params.id },
      () => vcenterService.requestSync(req.params.id, ctx.actor),
      manage,
    );
    options.onSyncRequested();
    res.status(202).json({ targets: [target] });
  });

  /** Runs a connection test audited as `vcenter.test-connection`; a failed test is recorded as failed. */
  function auditedTest(
    ctx: RouteContext,
    vcenterId: string,
    test: () => Promise<ConnectionTestResult>,
  ) {
    return ctx.audited(
      'vcenter.test-connection',
      { vcenterId },
      async outcome => {
        const tested = await test();
        outcome.addDetails({ ok: tested.ok });
        if (!tested.ok) outcome.fail('The connection test failed');
        return tested;
      },
      manage,
    );
  }

  // Before save: the definition in the body, as `POST /vcenters` would take it.
  router.post('/vcenters/test-connection', async (req, res) => {
    const ctx = await context(req);
    const body = parseInput(vcenterInputSchema, req.body, 'vCenter');
    res.json(
      await auditedTest(ctx, body.id, () =>
        vcenterService.testDraftConnection(toChange(body)),
      ),
    );
  });

  router.post('/vcenters/:id/test-connection', async (req, res) => {
    const ctx = await context(req);
    parseInput(emptyBodySchema, req.body ?? {}, 'body');
    res.json(
      await auditedTest(ctx, req.params.id, () =>
        vcenterService.testConnection(req.params.id),
      ),
    );
  });

  return router;
}
