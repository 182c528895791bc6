import type { Config } from '@backstage/config';
import type {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
  PermissionsServiceRequestOptions,
} from '@backstage/backend-plugin-api';
import type {
  AuthorizePermissionRequest,
  AuthorizePermissionResponse,
  QueryPermissionRequest,
  QueryPermissionResponse,
} from '@backstage/plugin-permission-common';
import { ShortLivedMap } from '../cache/ShortLivedMap';
import { readDecisionCacheSeconds } from '../config/readVcfConfig';

/**
 * Who a decision was made for: the user, the service acting for them (if any) and the expiry of the token, so a
 * new token (signed in again, other groups) is never answered with the decisions of the old one. `undefined` for
 * callers that are not users: their decisions are not cached.
 */
function callerKey(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as Partial<BackstageUserPrincipal> & {
    type?: string;
  };
  if (principal.type !== 'user' || !principal.userEntityRef) return undefined;
  return [
    principal.userEntityRef,
    principal.actor?.subject ?? '',
    credentials.expiresAt?.getTime() ?? '',
  ].join('\u0000');
}

/**
 * A {@link @backstage/backend-plugin-api#PermissionsService} that reuses a user's conditional decisions for a few
 * seconds. Each call of the permissions service is an HTTP round trip to the permission backend (a token issued
 * and verified there, the policy evaluated); list and read routes ask the same questions (`vcf.environment.read`,
 * `vcf.credential.read`, …) for every request, and the answers only change when the policy's inputs change.
 *
 * - Only `authorizeConditional` (a permission without a resource, whose conditions the routes apply in SQL) is
 *   cached, per user token and permission, for `ttlMs`. Decisions about one resource (`authorize`), which guard
 *   changes, reveals and rotations of that resource, always go to the permission backend.
 * - A revoked permission (a changed policy, role or group membership) can therefore go on applying to a user who
 *   was just decided for, for at most `ttlMs` on each backend replica. Set `ttlMs` to 0 to ask every time.
 * - Callers asking while a decision is in flight share it; a failed call is not kept. Expired entries are dropped
 *   as new ones are asked for, so the cache holds only the decisions of the last moments.
 * @internal
 */
export class DecisionCachingPermissionsService implements PermissionsService {
  private readonly decisions: ShortLivedMap<QueryPermissionResponse>;

  /** {@link DecisionCachingPermissionsService.wrap} with the TTL of `vcf.permissions.decisionCacheSeconds` (default 2). */
  static fromConfig(
    config: Config,
    permissions: PermissionsService,
  ): PermissionsService {
    return DecisionCachingPermissionsService.wrap(permissions, {
      ttlMs: readDecisionCacheSeconds(config) * 1000,
    });
  }

  /** `permissions` itself when `ttlMs` is 0 (no caching), else a caching wrapper around it. */
  static wrap(
    permissions: PermissionsService,
    options: { ttlMs: number; now?: () => number },
  ): PermissionsService {
    return options.ttlMs > 0
      ? new DecisionCachingPermissionsService(permissions, options)
      : permissions;
  }

  private constructor(
    private readonly permissions: PermissionsService,
    options: { ttlMs: number; now?: () => number },
  ) {
    this.decisions = new ShortLivedMap(options);
  }

  authorize(
    requests: AuthorizePermissionRequest[],
    options: PermissionsServiceRequestOptions,
  ): Promise<AuthorizePermissionResponse[]> {
    return this.permissions.authorize(requests, options);
  }

  authorizeConditional(
    requests: QueryPermissionRequest[],
    options: PermissionsServiceRequestOptions,
  ): Promise<QueryPermissionResponse[]> {
    const caller = callerKey(options.credentials);
    if (caller === undefined)
      return this.permissions.authorizeConditional(requests, options);

    // Everything this call does not find is asked for in one round trip. Each missing decision is kept at once,
    // so that callers arriving meanwhile share the round trip.
    const missing: QueryPermissionRequest[] = [];
    let answer!: (asked: Promise<QueryPermissionResponse[]>) => void;
    const asked = new Promise<QueryPermissionResponse[]>(resolve => {
      answer = resolve;
    });
    const decisions = requests.map(request => {
      const key = `${caller}\u0000${request.permission.name}`;
      const cached = this.decisions.get(key);
      if (cached) return cached;
      const index = missing.length;
      missing.push(request);
      return this.decisions.set(
        key,
        asked.then(answers => answers[index]),
      );
    });
    if (missing.length) {
      // (async, so that even a synchronous throw rejects the kept decisions rather than leaving them pending)
      answer(
        (async () => this.permissions.authorizeConditional(missing, options))(),
      );
    }
    return Promise.all(decisions);
  }
}
