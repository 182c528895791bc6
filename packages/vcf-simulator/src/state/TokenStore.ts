import { randomBytes, randomUUID } from 'node:crypto';
import type { TokenPair } from '../data/apiTypes';

/** Why an access token was refused. */
export type AccessTokenStatus = 'valid' | 'expired' | 'unknown';

interface IssuedAccessToken {
  username: string;
  issuedAtMs: number;
  revoked: boolean;
}

/** Old tokens are forgotten beyond this many, so long runs do not grow without bound. */
const MAX_REMEMBERED_TOKENS = 20_000;

function base64Url(value: object | Buffer): string {
  const buffer = Buffer.isBuffer(value)
    ? value
    : Buffer.from(JSON.stringify(value));
  return buffer.toString('base64url');
}

/**
 * Access and refresh tokens of one API (one service of one environment). Access
 * tokens look like the JWTs SDDC Manager issues; nothing verifies their
 * signature, only whether this store issued them and whether they are too old.
 */
export class TokenStore {
  private readonly accessTokens = new Map<string, IssuedAccessToken>();
  private readonly refreshTokens = new Map<string, string>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Issues a token pair, as `POST /v1/tokens` does. */
  issue(username: string): TokenPair {
    const refreshTokenId = randomUUID();
    this.refreshTokens.set(refreshTokenId, username);
    this.forgetOldest(this.refreshTokens);
    return {
      accessToken: this.issueAccessToken(username),
      refreshToken: { id: refreshTokenId },
    };
  }

  /** A new access token for a known refresh token id, as `PATCH /v1/tokens/access-token/refresh` does. */
  refresh(refreshTokenId: string): string | undefined {
    const username = this.refreshTokens.get(refreshTokenId);
    return username === undefined ? undefined : this.issueAccessToken(username);
  }

  /** Checks a bearer token against the current lifetime (so changing the TTL affects tokens already issued). */
  check(
    accessToken: string,
    ttlSeconds: number | undefined,
  ): AccessTokenStatus {
    const issued = this.accessTokens.get(accessToken);
    if (!issued) {
      return 'unknown';
    }
    if (issued.revoked) {
      return 'expired';
    }
    if (
      ttlSeconds !== undefined &&
      this.now() - issued.issuedAtMs >= ttlSeconds * 1000
    ) {
      return 'expired';
    }
    return 'valid';
  }

  /** Makes every access token issued so far expired; refresh tokens stay usable. */
  expireAll(): void {
    for (const issued of this.accessTokens.values()) {
      issued.revoked = true;
    }
  }

  private issueAccessToken(username: string): string {
    const issuedAtMs = this.now();
    const token = [
      base64Url({ alg: 'HS256', typ: 'JWT' }),
      base64Url({
        sub: username,
        iat: Math.floor(issuedAtMs / 1000),
        jti: randomUUID(),
      }),
      base64Url(randomBytes(32)),
    ].join('.');
    this.accessTokens.set(token, { username, issuedAtMs, revoked: false });
    this.forgetOldest(this.accessTokens);
    return token;
  }

  private forgetOldest(map: Map<string, unknown>): void {
    if (map.size > MAX_REMEMBERED_TOKENS) {
      map.delete(map.keys().next().value!);
    }
  }
}
