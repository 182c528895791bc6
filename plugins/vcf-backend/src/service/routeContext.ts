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
import type { VcfQueryFilter } from '../permissions/VcfQueryFilter';
import type { VcfAuditEvent } from '../audit/VcfAuditLog';

/**
 * The caller of a request and the permission checks made for it.
 * @internal
 */
export class RouteContext {
  private constructor(
    readonly credentials: BackstageCredentials<BackstageUserPrincipal>,
    private readonly permissions: PermissionsService,
  ) {}

  static async from(req: Request, httpAuth: HttpAuthService, permissions: PermissionsService) {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    return new RouteContext(credentials, permissions);
  }

  /**
   * The context of a caller known by its credentials (an MCP action's caller), with the same checks as a request
   * of that user. Only users may call: other principals get the 401 a route would answer them.
   */
  static forCredentials(credentials: BackstageCredentials, permissions: PermissionsService) {
    const { type } = credentials.principal as { type?: string };
    if (type !== 'user') {
      throw new AuthenticationError(`This requires a user, not a principal of type ${type}`);
    }
    return new RouteContext(credentials as BackstageCredentials<BackstageUserPrincipal>, permissions);
  }

  /** The user's entity ref, for audit rows and run history. */
  get actor(): string {
    return this.credentials.principal.userEntityRef;
  }

  /** Whether a basic permission, or a resource permission for one resource, is granted. */
  async isAllowed(permission: BasicPermission | ResourcePermission, resourceRef?: string): Promise<boolean> {
    const [decision] = await this.permissions.authorize(
      [resourceRef ? { permission: permission as ResourcePermission, resourceRef } : { permission: permission as BasicPermission }],
      { credentials: this.credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  /**
   * Throws 403 unless granted; a denial is audited first when an audit event is given.
   */
  async require(
    permission: BasicPermission | ResourcePermission,
    resourceRef?: string,
    audit?: () => Promise<VcfAuditEvent>,
  ): Promise<void> {
    if (await this.isAllowed(permission, resourceRef)) return;
    const error = new NotAllowedError(`You are not allowed to do this (${permission.name})`);
    if (audit) await (await audit()).denied(error);
    throw error;
  }

  /**
   * Conditional decisions for several resource permissions, in the order asked, from ONE request to the
   * permission backend. Each `authorize` call is an HTTP round trip with its own token, so a route that needs
   * several decisions asks for them together here and applies the conditions itself (in SQL).
   */
  async decide(permissions: ResourcePermission[]): Promise<PolicyDecision[]> {
    return this.permissions.authorizeConditional(
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
  if (decision.result === AuthorizeResult.CONDITIONAL) return toQuery(decision.conditions);
  return false;
}
