import Router from 'express-promise-router';
import type { Request } from 'express';
import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
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
import { RouteContext, type RouteAuditSubject } from './routeContext';
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
 * @internal
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
  const { credentials } = options;
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

  /** Throws 403 (audited as `action`) unless the caller may change every one of `targets`. */
  function requireRotate(
    ctx: RouteContext,
    targets: CredentialResource[],
    action: VcfAuditAction,
    subject: RouteAuditSubject,
  ) {
    return ctx.requireEach(
      vcfCredentialRotatePermission,
      targets.map(c => c.id),
      {
        action,
        subject,
        verb: 'change',
        noun: { one: 'credential', many: 'credentials' },
      },
    );
  }

  /** Starts an operation on some credentials: permission, task, one audit event (never a password). */
  async function startOperation(
    ctx: RouteContext,
    targets: CredentialResource[],
    operation: Exclude<CredentialOperation, 'expiry-check'>,
    input: {
      password?: string;
      autoRotatePolicy?: { enabled: boolean; frequencyInDays?: number };
    },
  ): Promise<CredentialTaskAccepted> {
    const action = AUDIT_ACTION[operation];
    const subject: RouteAuditSubject = {
      environmentId: targets[0]?.environmentId,
      credentialId: targets.length === 1 ? targets[0].id : undefined,
      details: {
        ...describeCredentials(targets),
        ...(input.autoRotatePolicy
          ? { autoRotatePolicy: { ...input.autoRotatePolicy } }
          : {}),
      },
    };
    await requireRotate(ctx, targets, action, subject);
    return ctx.audited(action, subject, async outcome => {
      const taskId = await lifecycle.startOperation({
        operation,
        credentials: targets,
        password: input.password,
        autoRotatePolicy: input.autoRotatePolicy,
        requestedBy: ctx.actor,
      });
      outcome.addDetails({ taskId });
      return { taskId };
    });
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
    res.status(202).json(await startOperation(ctx, [credential], 'rotate', {}));
  });

  for (const operation of ['update', 'remediate'] as const) {
    router.post(`/credentials/:id/${operation}`, async (req, res) => {
      const ctx = await context(req);
      const { password } = parseInput(passwordBodySchema, req.body, 'body');
      const credential = await findCredential(req.params.id);
      res
        .status(202)
        .json(await startOperation(ctx, [credential], operation, { password }));
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
      await startOperation(ctx, [credential], 'auto-rotate-policy', {
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
        await startOperation(ctx, found as CredentialResource[], 'rotate', {}),
      );
  });

  router.post('/environments/:id/expiry-check', async (req, res) => {
    const ctx = await context(req);
    parseInput(rotateBodySchema, req.body ?? {}, 'body');
    const environmentId = req.params.id;
    await requireReadableEnvironment(ctx, environmentId, options);
    const action = 'credential.expiry-check';
    const filter = await ctx.listFilter(
      vcfCredentialRotatePermission,
      options.credentialFilter,
    );
    if (filter === false) {
      throw await ctx.denied(
        action,
        { environmentId },
        new NotAllowedError(
          'You are not allowed to check credentials (vcf.credential.rotate)',
        ),
      );
    }
    const accepted = await ctx.audited(
      action,
      { environmentId },
      async outcome => {
        const targets: CredentialResource[] = [];
        for await (const credential of credentials.iterateForExport({
          environmentId,
          query: { source: 'sddc-manager' },
          filter,
          withPasswords: false,
        })) {
          targets.push(credential);
        }
        const taskId = await lifecycle.startExpiryCheck(
          environmentId,
          targets,
          ctx.actor,
        );
        outcome.addDetails({ taskId, count: targets.length });
        return { taskId } satisfies CredentialTaskAccepted;
      },
    );
    res.status(202).json(accepted);
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
      const auditAction =
        action === 'retry' ? 'credential-task.retry' : 'credential-task.cancel';
      const subject: RouteAuditSubject = {
        environmentId: task.environmentId,
        details: {
          taskId: task.id,
          operation: task.operation,
          ...describeCredentials(targets),
        },
      };
      await requireRotate(ctx, targets, auditAction, subject);
      await ctx.audited(auditAction, subject, async () => {
        if (action === 'retry') await lifecycle.retry(task.id);
        else await lifecycle.cancel(task.id);
      });
      res
        .status(202)
        .json({ taskId: task.id } satisfies CredentialTaskAccepted);
    });
  }

  return router;
}
