import type { Request } from 'express';
import type {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthenticationError, NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type BasicPermission,
  type PermissionCriteria,
  type PolicyDecision,
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
    private readonly request: Request<any, any, any, any, any> | undefined,
    private readonly services: Omit<RouteServices, 'httpAuth'>,
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

  /**
   * The context of a caller known by its credentials (an MCP action's caller), with the same checks and audit as
   * a request of that user. Only users may call: other principals get the 401 a route would answer them.
   */
  static forCredentials(
    credentials: BackstageCredentials,
    services: Omit<RouteServices, 'httpAuth'>,
  ) {
    const { type } = credentials.principal as { type?: string };
    if (type !== 'user') {
      throw new AuthenticationError(
        `This requires a user, not a principal of type ${type}`,
      );
    }
    return new RouteContext(
      credentials as BackstageCredentials<BackstageUserPrincipal>,
      undefined,
      services,
    );
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
   * Throws a 403 (audited as `action`) unless `permission` is granted for every one of `resourceRefs`, decided in
   * one request to the permission backend. The message says how many were refused.
   */
  async requireEach(
    permission: ResourcePermission,
    resourceRefs: string[],
    audit: {
      action: VcfAuditAction;
      subject: RouteAuditSubject;
      /** What the caller may not do, e.g. "change" → "You are not allowed to change 2 of these credentials". */
      verb: string;
      noun: { one: string; many: string };
    },
  ): Promise<void> {
    const decisions = await this.services.permissions.authorize(
      resourceRefs.map(resourceRef => ({ permission, resourceRef })),
      { credentials: this.credentials },
    );
    const refused = decisions.filter(
      d => d.result !== AuthorizeResult.ALLOW,
    ).length;
    if (refused === 0) return;
    throw await this.denied(
      audit.action,
      audit.subject,
      new NotAllowedError(
        `You are not allowed to ${audit.verb} ${
          refused === 1 && resourceRefs.length === 1
            ? `this ${audit.noun.one}`
            : `${refused} of these ${audit.noun.many}`
        } (${permission.name})`,
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
   * Conditional decisions for several resource permissions, in the order asked, from ONE request to the
   * permission backend. Each `authorize` call is an HTTP round trip with its own token, so a route that needs
   * several decisions asks for them together here and applies the conditions itself (in SQL).
   */
  async decide(permissions: ResourcePermission[]): Promise<PolicyDecision[]> {
    return this.services.permissions.authorizeConditional(
      permissions.map(permission => ({ permission })),
      { credentials: this.credentials },
    );
  }

  /**
   * For lists: `undefined` when everything is allowed, criteria to add to the query when the policy is
   * conditional, `false` when nothing is allowed.
   */
  async listFilter(
    permission: ResourcePermission,
    toQuery: ConditionTransformer<VcfQueryFilter>,
  ): Promise<PermissionCriteria<VcfQueryFilter> | undefined | false> {
    const [decision] = await this.decide([permission]);
    return toListFilter(decision, toQuery);
  }

  private begin(action: VcfAuditAction, subject: RouteAuditSubject) {
    return this.services.audit.begin(
      action,
      { ...subject, actor: this.actor },
      this.request,
    );
  }
}

/**
 * A decision as a list filter: `undefined` when everything is allowed, criteria to add to the query when it is
 * conditional, `false` when nothing is allowed.
 * @internal
 */
export function toListFilter(
  decision: PolicyDecision,
  toQuery: ConditionTransformer<VcfQueryFilter>,
): PermissionCriteria<VcfQueryFilter> | undefined | false {
  if (decision.result === AuthorizeResult.ALLOW) return undefined;
  if (decision.result === AuthorizeResult.CONDITIONAL) {
    return toQuery(decision.conditions);
  }
  return false;
}
