import Router from 'express-promise-router';
import type { Request } from 'express';
import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { ConditionTransformer } from '@backstage/plugin-permission-node';
import type { JsonObject } from '@backstage/types';
import {
  vcfCredentialReadPermission,
  vcfCredentialRotatePermission,
  vcfEnvironmentReadPermission,
  type CredentialOperation,
  type CredentialTask,
  type CredentialTaskAccepted,
} from '@vcf-backstage/plugin-vcf-common';
import type { CredentialStore } from '../credentials/CredentialStore';
import type { VcfAuditAction, VcfAuditLog } from '../audit/VcfAuditLog';
import type { CredentialResource } from '../permissions/resourceRefs';
import type { VcfQueryFilter } from '../permissions/VcfQueryFilter';
import type { CredentialLifecycleService } from '../lifecycle/CredentialLifecycleService';
import type { CredentialTaskStore } from '../lifecycle/CredentialTaskStore';
import {
  requireReadableEnvironment,
  type EnvironmentVisibilityOptions,
} from './environmentAccess';
import { RouteContext } from './routeContext';
import { checkIdParam, parseInput } from './apiSchemas';
import {
  autoRotatePolicyBodySchema,
  bulkRotateBodySchema,
  credentialTaskListQuerySchema,
  passwordBodySchema,
  rotateBodySchema,
} from './credentialLifecycleSchemas';

/**
 * What the credential lifecycle routes need.
 * @public
 */
export interface CredentialLifecycleRouterOptions {
  lifecycle: CredentialLifecycleService;
  tasks: CredentialTaskStore;
}

const AUDIT_ACTION: Record<CredentialOperation, VcfAuditAction> = {
  rotate: 'credential.rotate',
  update: 'credential.update',
  remediate: 'credential.remediate',
  'auto-rotate-policy': 'credential.auto-rotate-policy',
  'expiry-check': 'credential.expiry-check',
};

/** Audit details naming credentials (never a password). */
function describeCredentials(credentials: CredentialResource[]): JsonObject {
  return {
    credentialIds: credentials.map(c => c.id),
    credentials: credentials
      .slice(0, 20)
      .map(c => `${c.username}@${c.resourceName}`),
    count: credentials.length,
  };
}

/**
 * Credential lifecycle: rotate, update, remediate, auto-rotate policy, bulk rotate, expiry check, and the tasks
 * that track them. The password of update/remediate is read from the body, handed to SDDC Manager and never
 * logged, echoed or audited.
 * @internal
 */
export function createCredentialLifecycleRoutes(
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    credentials: CredentialStore;
    audit: VcfAuditLog;
    credentialFilter: ConditionTransformer<VcfQueryFilter>;
    credentialLifecycle: CredentialLifecycleRouterOptions;
  } & EnvironmentVisibilityOptions,
) {
  const { permissions, credentials, audit } = options;
  const { lifecycle, tasks } = options.credentialLifecycle;
  const router = Router();
  router.param('id', checkIdParam);
  router.param('taskId', checkIdParam);
  const context = (req: Request) => RouteContext.from(req, options);

  async function findCredential(id: string) {
    const credential = await credentials.get(id);
    if (!credential)
      throw new NotFoundError(`No credential with the id "${id}"`);
    return credential;
  }

  /** Throws 403 (audited) unless the caller may change every one of `targets`. */
  async function requireRotate(
    ctx: RouteContext,
    targets: CredentialResource[],
    begin: () => Promise<Awaited<ReturnType<VcfAuditLog['begin']>>>,
  ) {
    const decisions = await permissions.authorize(
      targets.map(c => ({
        permission: vcfCredentialRotatePermission,
        resourceRef: c.id,
      })),
      { credentials: ctx.credentials },
    );
    const denied = targets.filter(
      (_, i) => decisions[i].result !== AuthorizeResult.ALLOW,
    );
    if (denied.length === 0) return;
    const error = new NotAllowedError(
      `You are not allowed to change ${
        denied.length === 1
          ? 'this credential'
          : `${denied.length} of these credentials`
      } (vcf.credential.rotate)`,
    );
    await (await begin()).denied(error);
    throw error;
  }

  /** Starts an operation on some credentials: permission, audit, task. */
  async function startOperation(
    req: Request,
    ctx: RouteContext,
    targets: CredentialResource[],
    operation: Exclude<CredentialOperation, 'expiry-check'>,
    input: {
      password?: string;
      autoRotatePolicy?: { enabled: boolean; frequencyInDays?: number };
    },
  ): Promise<CredentialTaskAccepted> {
    const details: JsonObject = {
      ...describeCredentials(targets),
      ...(input.autoRotatePolicy
        ? { autoRotatePolicy: { ...input.autoRotatePolicy } }
        : {}),
    };
    const begin = () =>
      audit.begin(
        AUDIT_ACTION[operation],
        {
          actor: ctx.actor,
          environmentId: targets[0]?.environmentId,
          credentialId: targets.length === 1 ? targets[0].id : undefined,
          details,
        },
        req,
      );
    await requireRotate(ctx, targets, begin);
    const event = await begin();
    try {
      const taskId = await lifecycle.startOperation({
        operation,
        credentials: targets,
        password: input.password,
        autoRotatePolicy: input.autoRotatePolicy,
        requestedBy: ctx.actor,
      });
      await event.succeeded({ taskId });
      return { taskId };
    } catch (error) {
      await event.failed(error as Error);
      throw error;
    }
  }

  /** The task, when the caller may see its environment's credentials; 404 otherwise. */
  async function readableTask(
    ctx: RouteContext,
    taskId: string,
  ): Promise<CredentialTask> {
    const task = await tasks.get(taskId);
    if (
      !task ||
      !(await ctx.isAllowed(
        vcfEnvironmentReadPermission,
        task.environmentId,
      )) ||
      (await ctx.listFilter(
        vcfCredentialReadPermission,
        options.credentialFilter,
      )) === false
    ) {
      throw new NotFoundError(`No credential task with the id "${taskId}"`);
    }
    return task;
  }

  router.post('/credentials/:id/rotate', async (req, res) => {
    const ctx = await context(req);
    parseInput(rotateBodySchema, req.body ?? {}, 'body');
    const credential = await findCredential(req.params.id);
    res
      .status(202)
      .json(await startOperation(req, ctx, [credential], 'rotate', {}));
  });

  for (const operation of ['update', 'remediate'] as const) {
    router.post(`/credentials/:id/${operation}`, async (req, res) => {
      const ctx = await context(req);
      const { password } = parseInput(passwordBodySchema, req.body, 'body');
      const credential = await findCredential(req.params.id);
      res
        .status(202)
        .json(
          await startOperation(req, ctx, [credential], operation, { password }),
        );
    });
  }

  router.put('/credentials/:id/auto-rotate-policy', async (req, res) => {
    const ctx = await context(req);
    const autoRotatePolicy = parseInput(
      autoRotatePolicyBodySchema,
      req.body,
      'body',
    );
    const credential = await findCredential(req.params.id);
    res.status(202).json(
      await startOperation(req, ctx, [credential], 'auto-rotate-policy', {
        autoRotatePolicy,
      }),
    );
  });

  router.post('/environments/:id/credentials/rotate', async (req, res) => {
    const ctx = await context(req);
    const { credentialIds } = parseInput(
      bulkRotateBodySchema,
      req.body,
      'body',
    );
    await requireReadableEnvironment(ctx, req.params.id, options);
    const found = await credentials.getMany(credentialIds);
    const missing = credentialIds.filter(
      (_id, i) => found[i]?.environmentId !== req.params.id,
    );
    if (missing.length) {
      throw new NotFoundError(
        `Environment "${req.params.id}" has no credential with the id "${missing[0]}"`,
      );
    }
    res
      .status(202)
      .json(
        await startOperation(
          req,
          ctx,
          found as CredentialResource[],
          'rotate',
          {},
        ),
      );
  });

  router.post('/environments/:id/expiry-check', async (req, res) => {
    const ctx = await context(req);
    parseInput(rotateBodySchema, req.body ?? {}, 'body');
    const environmentId = req.params.id;
    await requireReadableEnvironment(ctx, environmentId, options);
    const begin = () =>
      audit.begin(
        'credential.expiry-check',
        { actor: ctx.actor, environmentId },
        req,
      );
    const filter = await ctx.listFilter(
      vcfCredentialRotatePermission,
      options.credentialFilter,
    );
    if (filter === false) {
      const error = new NotAllowedError(
        'You are not allowed to check credentials (vcf.credential.rotate)',
      );
      await (await begin()).denied(error);
      throw error;
    }
    const targets: CredentialResource[] = [];
    for await (const credential of credentials.iterateForExport({
      environmentId,
      query: { source: 'sddc-manager' },
      filter,
      withPasswords: false,
    })) {
      targets.push(credential);
    }
    const event = await begin();
    try {
      const taskId = await lifecycle.startExpiryCheck(
        environmentId,
        targets,
        ctx.actor,
      );
      await event.succeeded({ taskId, count: targets.length });
      res.status(202).json({ taskId } satisfies CredentialTaskAccepted);
    } catch (error) {
      await event.failed(error as Error);
      throw error;
    }
  });

  router.get('/environments/:id/credential-schedules', async (req, res) => {
    const ctx = await context(req);
    await requireReadableEnvironment(ctx, req.params.id, options);
    if (
      (await ctx.listFilter(
        vcfCredentialReadPermission,
        options.credentialFilter,
      )) === false
    ) {
      throw new NotFoundError(`No environment with the id "${req.params.id}"`);
    }
    res.json(await tasks.listRotations(req.params.id));
  });

  router.get('/credential-tasks', async (req, res) => {
    const ctx = await context(req);
    const query = parseInput(credentialTaskListQuerySchema, req.query, 'query');
    if (
      !(await ctx.isAllowed(
        vcfEnvironmentReadPermission,
        query.environmentId,
      )) ||
      (await ctx.listFilter(
        vcfCredentialReadPermission,
        options.credentialFilter,
      )) === false
    ) {
      throw new NotFoundError(
        `No environment with the id "${query.environmentId}"`,
      );
    }
    res.json(await tasks.list(query));
  });

  router.get('/credential-tasks/:taskId', async (req, res) => {
    const ctx = await context(req);
    res.json(await readableTask(ctx, req.params.taskId));
  });

  for (const action of ['retry', 'cancel'] as const) {
    router.post(`/credential-tasks/:taskId/${action}`, async (req, res) => {
      const ctx = await context(req);
      parseInput(rotateBodySchema, req.body ?? {}, 'body');
      const task = await readableTask(ctx, req.params.taskId);
      const targets = (
        await credentials.getMany(task.items.map(i => i.credentialId))
      ).filter((c): c is CredentialResource => !!c);
      const begin = () =>
        audit.begin(
          action === 'retry'
            ? 'credential-task.retry'
            : 'credential-task.cancel',
          {
            actor: ctx.actor,
            environmentId: task.environmentId,
            details: {
              taskId: task.id,
              operation: task.operation,
              ...describeCredentials(targets),
            },
          },
          req,
        );
      await requireRotate(ctx, targets, begin);
      const event = await begin();
      try {
        if (action === 'retry') await lifecycle.retry(task.id);
        else await lifecycle.cancel(task.id);
        await event.succeeded();
      } catch (error) {
        await event.failed(error as Error);
        throw error;
      }
      res
        .status(202)
        .json({ taskId: task.id } satisfies CredentialTaskAccepted);
    });
  }

  return router;
}
