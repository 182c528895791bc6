import type { Request } from 'express';
import type {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type BasicPermission,
  type PermissionCriteria,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import type { ConditionTransformer } from '@backstage/plugin-permission-node';
import type { JsonObject } from '@backstage/types';
import type { VcfQueryFilter } from '../permissions/VcfQueryFilter';
import type {
  VcfAuditAction,
  VcfAuditLog,
  VcfAuditSubject,
} from '../audit/VcfAuditLog';
import { describeError } from '../errors/describeError';

/**
 * What an audited route action is about (the actor is the caller).
 * @internal
 */
export type RouteAuditSubject = Omit<VcfAuditSubject, 'actor'>;

/**
 * Lets an audited action report how it went when it did not throw: details for the audit row, or a failure
 * (e.g. a connection test that answered `ok: false`).
 * @internal
 */
export interface AuditOutcome {
  addDetails(details: JsonObject): void;
  fail(reason: string): void;
}

/**
 * The services a route needs to know its caller, check permissions and audit.
 * @internal
 */
export interface RouteServices {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  audit: VcfAuditLog;
}

type Permission = BasicPermission | ResourcePermission;

/**
 * The caller of a request, the permission checks made for it, and the one way routes audit: {@link require}
 * audits a denial, {@link audited} audits an action as denied, failed or succeeded.
 * @internal
 */
export class RouteContext {
  private constructor(
    readonly credentials: BackstageCredentials<BackstageUserPrincipal>,
    private readonly request: Request<any, any, any, any, any>,
    private readonly services: RouteServices,
  ) {}

  static async from(
    req: Request<any, any, any, any, any>,
    services: RouteServices,
  ) {
    const credentials = await services.httpAuth.credentials(req, {
      allow: ['user'],
    });
    return new RouteContext(credentials, req, services);
  }

  /** The user's entity ref, for audit rows and run history. */
  get actor(): string {
    return this.credentials.principal.userEntityRef;
  }

  /** Whether a basic permission, or a resource permission for one resource, is granted. */
  async isAllowed(
    permission: Permission,
    resourceRef?: string,
  ): Promise<boolean> {
    const [decision] = await this.services.permissions.authorize(
      [
        resourceRef
          ? { permission: permission as ResourcePermission, resourceRef }
          : { permission: permission as BasicPermission },
      ],
      { credentials: this.credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  /** Audits a denial of `action` and returns the error to throw (403, or the given one, e.g. a hiding 404). */
  async denied(
    action: VcfAuditAction,
    subject: RouteAuditSubject,
    error?: Error,
  ): Promise<Error> {
    const thrown =
      error ??
      new NotAllowedError(`You are not allowed to do this (${action})`);
    const event = await this.begin(action, subject);
    await event.denied(thrown);
    return thrown;
  }

  /**
   * Throws unless granted: a 403 naming the permission, or `hiddenAs` (a 404 for resources the caller may not
   * know about). The denial is audited as `action` either way.
   */
  async require(
    permission: Permission,
    audit: {
      action: VcfAuditAction;
      subject?: RouteAuditSubject;
      resourceRef?: string;
      hiddenAs?: Error;
    },
  ): Promise<void> {
    if (await this.isAllowed(permission, audit.resourceRef)) return;
    throw await this.denied(
      audit.action,
      audit.subject ?? {},
      audit.hiddenAs ??
        new NotAllowedError(
          `You are not allowed to do this (${permission.name})`,
        ),
    );
  }

  /**
   * Runs an action as one audit event: denied (403) when `permission` is not granted, failed when `work` throws
   * or reports a failure, succeeded otherwise. The error is thrown on after it is recorded.
   */
  async audited<T>(
    action: VcfAuditAction,
    subject: RouteAuditSubject,
    work: (outcome: AuditOutcome) => Promise<T>,
    check?: { permission: Permission; resourceRef?: string },
  ): Promise<T> {
    if (check)
      await this.require(check.permission, {
        action,
        subject,
        resourceRef: check.resourceRef,
      });
    const event = await this.begin(action, subject);
    let details: JsonObject = {};
    let failure: string | undefined;
    const outcome: AuditOutcome = {
      addDetails: more => {
        details = { ...details, ...more };
      },
      fail: reason => {
        failure = reason;
      },
    };
    let result: T;
    try {
      result = await work(outcome);
    } catch (error) {
      await event.failed(new Error(describeError(error)), details);
      throw error;
    }
    if (failure !== undefined) await event.failed(new Error(failure), details);
    else
      await event.succeeded(Object.keys(details).length ? details : undefined);
    return result;
  }

  /**
   * For lists: `undefined` when everything is allowed, criteria to add to the query when the policy is
   * conditional, `false` when nothing is allowed.
   */
  async listFilter(
    permission: ResourcePermission,
    toQuery: ConditionTransformer<VcfQueryFilter>,
  ): Promise<PermissionCriteria<VcfQueryFilter> | undefined | false> {
    const [decision] = await this.services.permissions.authorizeConditional(
      [{ permission }],
      {
        credentials: this.credentials,
      },
    );
    if (decision.result === AuthorizeResult.ALLOW) return undefined;
    if (decision.result === AuthorizeResult.DENY) return false;
    if (decision.result !== AuthorizeResult.CONDITIONAL) return false;
    return toQuery(decision.conditions);
  }

  private begin(action: VcfAuditAction, subject: RouteAuditSubject) {
    return this.services.audit.begin(
      action,
      { ...subject, actor: this.actor },
      this.request,
    );
  }
}
