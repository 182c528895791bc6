import Router from 'express-promise-router';
import type { HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import {
  vcfEnvironmentCreatePermission,
  vcfEnvironmentDeletePermission,
  vcfEnvironmentUpdatePermission,
  vcfSyncTriggerPermission,
  type VcfEnvironment,
} from '@vcf-backstage/plugin-vcf-common';
import type { ConditionTransformer } from '@backstage/plugin-permission-node';
import type { EnvironmentService } from '../environments/EnvironmentService';
import type { EnvironmentChange, EnvironmentStore } from '../environments/EnvironmentStore';
import type { VcfAuditLog } from '../audit/VcfAuditLog';
import type { SyncTargetStore } from '../sync/SyncTargetStore';
import type { VcfQueryFilter } from '../permissions/VcfQueryFilter';
import { RouteContext } from './routeContext';
import {
  listReadableEnvironments,
  requireReadableEnvironment,
  triggerEnvironmentSync,
} from './environmentAccess';
import {
  environmentInputSchema,
  listQuerySchema,
  parseInput,
  type EnvironmentInputBody,
} from './apiSchemas';

/**
 * The change a body asks for. On update, an endpoint's password and interval may be left out to keep the stored
 * ones (`current`).
 */
function toChange(body: EnvironmentInputBody, current?: VcfEnvironment): EnvironmentChange {
  const endpoint = (input: EnvironmentInputBody['sddcManager'], stored?: VcfEnvironment['sddcManager']) =>
    input && {
      baseUrl: input.baseUrl,
      username: input.username,
      password: input.password,
      tls: { verify: input.tls?.verify ?? true, ca: input.tls?.ca },
      intervalMinutes: input.intervalMinutes ?? stored?.intervalMinutes ?? 30,
    };
  return {
    id: body.id,
    title: body.title,
    description: body.description,
    owner: body.owner,
    discoverVcenters: body.discoverVcenters ?? false,
    rotateAfterReveal: body.rotateAfterReveal,
    endpoints: {
      'sddc-manager': endpoint(body.sddcManager, current?.sddcManager),
      installer: endpoint(body.installer, current?.installer),
    },
  };
}

/**
 * `/environments`: list, read, create, update, delete, test the connection, sync now, sync history.
 * @internal
 */
export function createEnvironmentRoutes(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  environmentService: EnvironmentService;
  environments: EnvironmentStore;
  syncTargets: SyncTargetStore;
  audit: VcfAuditLog;
  environmentFilter: ConditionTransformer<VcfQueryFilter>;
  onSyncRequested: () => void;
}) {
  const { httpAuth, permissions, environmentService, audit } = options;
  const router = Router();
  const context = (req: Parameters<typeof RouteContext.from>[0]) =>
    RouteContext.from(req, httpAuth, permissions);

  router.get('/environments', async (req, res) => {
    const ctx = await context(req);
    res.json(await listReadableEnvironments(ctx, environmentService, options.environmentFilter));
  });

  router.get('/environments/:id', async (req, res) => {
    const ctx = await context(req);
    await requireReadableEnvironment(ctx, req.params.id, options);
    res.json(await environmentService.get(req.params.id));
  });

  router.post('/environments', async (req, res) => {
    const ctx = await context(req);
    const body = parseInput(environmentInputSchema, req.body, 'environment');
    const begin = () => audit.begin('environment.create', { actor: ctx.actor, environmentId: body.id }, req);
    await ctx.require(vcfEnvironmentCreatePermission, undefined, begin);
    const event = await begin();
    try {
      const created = await environmentService.create(toChange(body));
      await event.succeeded();
      options.onSyncRequested();
      res.status(201).json(created);
    } catch (error) {
      await event.failed(error as Error);
      throw error;
    }
  });

  router.put('/environments/:id', async (req, res) => {
    const ctx = await context(req);
    const body = parseInput(environmentInputSchema, { ...req.body, id: req.params.id }, 'environment');
    const begin = () => audit.begin('environment.update', { actor: ctx.actor, environmentId: body.id }, req);
    await ctx.require(vcfEnvironmentUpdatePermission, body.id, begin);
    const event = await begin();
    try {
      const current = await environmentService.get(body.id);
      const updated = await environmentService.update(toChange(body, current));
      await event.succeeded();
      res.json(updated);
    } catch (error) {
      await event.failed(error as Error);
      throw error;
    }
  });

  router.delete('/environments/:id', async (req, res) => {
    const ctx = await context(req);
    const id = req.params.id;
    const begin = () => audit.begin('environment.delete', { actor: ctx.actor, environmentId: id }, req);
    await ctx.require(vcfEnvironmentDeletePermission, id, begin);
    const event = await begin();
    try {
      await environmentService.delete(id);
      await event.succeeded();
      res.status(204).end();
    } catch (error) {
      await event.failed(error as Error);
      throw error;
    }
  });

  router.post('/environments/:id/test-connection', async (req, res) => {
    const ctx = await context(req);
    const id = req.params.id;
    const begin = () => audit.begin('environment.test-connection', { actor: ctx.actor, environmentId: id }, req);
    await ctx.require(vcfSyncTriggerPermission, id, begin);
    const result = await environmentService.testConnection(id);
    await (await begin()).succeeded({ ok: result.ok });
    res.json(result);
  });

  router.post('/environments/:id/sync', async (req, res) => {
    const ctx = await context(req);
    const targets = await triggerEnvironmentSync(ctx, options, req.params.id, req);
    res.status(202).json({ targets });
  });

  router.get('/environments/:id/sync-runs', async (req, res) => {
    const ctx = await context(req);
    const id = req.params.id;
    await requireReadableEnvironment(ctx, id, options);
    const query = parseInput(listQuerySchema, req.query, 'query');
    const targets = await options.syncTargets.listTargets({ environmentId: id });
    res.json(
      await options.syncTargets.listRuns(
        targets.map(t => t.id),
        { offset: query.offset, limit: query.limit },
      ),
    );
  });

  return router;
}
