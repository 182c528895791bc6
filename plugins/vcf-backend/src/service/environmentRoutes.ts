import Router from 'express-promise-router';
import {
  vcfEnvironmentCreatePermission,
  vcfEnvironmentDeletePermission,
  vcfEnvironmentUpdatePermission,
  vcfSyncTriggerPermission,
  type VcfEnvironment,
} from '@vcf-backstage/plugin-vcf-common';
import type { ConditionTransformer } from '@backstage/plugin-permission-node';
import type { EnvironmentService } from '../environments/EnvironmentService';
import type { EnvironmentChange } from '../environments/EnvironmentStore';
import type { SyncTargetStore } from '../sync/SyncTargetStore';
import type { VcfQueryFilter } from '../permissions/VcfQueryFilter';
import { RouteContext, type RouteServices } from './routeContext';
import {
  emptyBodySchema,
  environmentInputSchema,
  pageQuerySchema,
  parseInput,
  type EnvironmentInputBody,
} from './apiSchemas';
import { checkIdParam } from './apiSchemas';
import {
  listReadableEnvironments,
  requireReadableEnvironment,
  triggerEnvironmentSync,
  type EnvironmentVisibilityOptions,
} from './environmentAccess';

/**
 * The change a body asks for. On update, an endpoint's password and interval may be left out to keep the stored
 * ones (`current`).
 */
function toChange(
  body: EnvironmentInputBody,
  current?: VcfEnvironment,
): EnvironmentChange {
  const endpoint = (
    input: EnvironmentInputBody['sddcManager'],
    stored?: VcfEnvironment['sddcManager'],
  ) =>
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
export function createEnvironmentRoutes(
  options: RouteServices &
    EnvironmentVisibilityOptions & {
      environmentService: EnvironmentService;
      syncTargets: SyncTargetStore;
      environmentFilter: ConditionTransformer<VcfQueryFilter>;
      onSyncRequested: () => void;
      /** Removes what belonged to a deleted environment elsewhere, e.g. its discovered vCenters. */
      afterEnvironmentDeleted?: (environmentId: string) => Promise<void>;
    },
) {
  const { environmentService } = options;
  const router = Router();
  router.param('id', checkIdParam);
  const context = (req: Parameters<typeof RouteContext.from>[0]) =>
    RouteContext.from(req, options);

  router.get('/environments', async (req, res) => {
    const ctx = await context(req);
    parseInput(emptyBodySchema, req.query, 'query');
    res.json(
      await listReadableEnvironments(
        ctx,
        environmentService,
        options.environmentFilter,
      ),
    );
  });

  router.get('/environments/:id', async (req, res) => {
    const ctx = await context(req);
    await requireReadableEnvironment(ctx, req.params.id, options);
    res.json(await environmentService.get(req.params.id));
  });

  router.post('/environments', async (req, res) => {
    const ctx = await context(req);
    const body = parseInput(environmentInputSchema, req.body, 'environment');
    const created = await ctx.audited(
      'environment.create',
      { environmentId: body.id },
      () => environmentService.create(toChange(body)),
      { permission: vcfEnvironmentCreatePermission },
    );
    options.onSyncRequested();
    res.status(201).json(created);
  });

  router.put('/environments/:id', async (req, res) => {
    const ctx = await context(req);
    const body = parseInput(
      environmentInputSchema,
      { ...req.body, id: req.params.id },
      'environment',
    );
    const updated = await ctx.audited(
      'environment.update',
      { environmentId: body.id },
      async () => {
        const current = await environmentService.get(body.id);
        return environmentService.update(toChange(body, current));
      },
      { permission: vcfEnvironmentUpdatePermission, resourceRef: body.id },
    );
    res.json(updated);
  });

  router.delete('/environments/:id', async (req, res) => {
    const ctx = await context(req);
    const id = req.params.id;
    await ctx.audited(
      'environment.delete',
      { environmentId: id },
      async () => {
        await environmentService.get(id);
        await environmentService.delete(id);
        await options.afterEnvironmentDeleted?.(id);
      },
      { permission: vcfEnvironmentDeletePermission, resourceRef: id },
    );
    res.status(204).end();
  });

  router.post('/environments/:id/test-connection', async (req, res) => {
    const ctx = await context(req);
    const id = req.params.id;
    parseInput(emptyBodySchema, req.body ?? {}, 'body');
    const result = await ctx.audited(
      'environment.test-connection',
      { environmentId: id },
      async outcome => {
        const tested = await environmentService.testConnection(id);
        outcome.addDetails({ ok: tested.ok });
        if (!tested.ok) outcome.fail('The connection test failed');
        return tested;
      },
      { permission: vcfSyncTriggerPermission, resourceRef: id },
    );
    res.json(result);
  });

  router.post('/environments/:id/sync', async (req, res) => {
    const ctx = await context(req);
    const id = req.params.id;
    parseInput(emptyBodySchema, req.body ?? {}, 'body');
    const targets = await triggerEnvironmentSync(ctx, options, id);
    res.status(202).json({ targets });
  });

  router.get('/environments/:id/sync-runs', async (req, res) => {
    const ctx = await context(req);
    const id = req.params.id;
    await requireReadableEnvironment(ctx, id, options);
    const query = parseInput(pageQuerySchema, req.query, 'query');
    const targets = await options.syncTargets.listTargets({
      environmentId: id,
    });
    res.json(
      await options.syncTargets.listRuns(
        targets.map(t => t.id),
        { offset: query.offset, limit: query.limit },
      ),
    );
  });

  return router;
}
