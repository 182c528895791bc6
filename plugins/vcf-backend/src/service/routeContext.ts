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

  static async from(
    req: Request,
    httpAuth: HttpAuthService,
    permissions: PermissionsService,
  ) {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    return new RouteContext(credentials, permissions);
  }

  /** The user's entity ref, for audit rows and run history. */
  get actor(): string {
    return this.credentials.principal.userEntityRef;
  }

  /** Whether a basic permission, or a resource permission for one resource, is granted. */
  async isAllowed(
    permission: BasicPermission | ResourcePermission,
    resourceRef?: string,
  ): Promise<boolean> {
    const [decision] = await this.permissions.authorize(
      [
        resourceRef
          ? { permission: permission as ResourcePermission, resourceRef }
          : { permission: permission as BasicPermission },
      ],
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
    const error = new NotAllowedError(
      `You are not allowed to do this (${permission.name})`,
    );
    if (audit) await (await audit()).denied(error);
    throw error;
  }

  /**
   * For lists: `undefined` when everything is allowed, criteria to add to the query when the policy is
   * conditional, `false` when nothing is allowed.
   */
  async listFilter(
    permission: ResourcePermission,
    toQuery: ConditionTransformer<VcfQueryFilter>,
  ): Promise<PermissionCriteria<VcfQueryFilter> | undefined | false> {
    const [decision] = await this.permissions.authorizeConditional(
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
}
