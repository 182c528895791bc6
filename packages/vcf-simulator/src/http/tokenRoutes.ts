import type { ApiRequest, RouteContext, SpecRoute } from './SpecRoute';
import { vcfError } from './vcfError';

function readLoginBody(
  body: unknown,
): { username: string; password: string } | undefined {
  if (typeof body !== 'object' || body === null) {
    return undefined;
  }
  const { username, password } = body as Record<string, unknown>;
  if (typeof username !== 'string' || typeof password !== 'string') {
    return undefined;
  }
  return { username, password };
}

/** The refresh call's body is the refresh token id as a JSON string; plain text is accepted too. */
function readRefreshTokenId(body: unknown): string | undefined {
  if (typeof body === 'string' && body.trim() !== '') {
    return body.trim();
  }
  return undefined;
}

function createToken(request: ApiRequest, context: RouteContext) {
  const login = readLoginBody(request.body);
  if (!login) {
    return vcfError(
      400,
      'TOKEN_CREATION_SPEC_INVALID',
      'The request must carry a username and a password',
    );
  }
  const account = context.environment.serviceAccounts[context.service];
  if (
    context.faults.rejectServiceAccount ||
    login.username !== account.username ||
    login.password !== account.password
  ) {
    return vcfError(
      401,
      'AUTHENTICATION_FAILED',
      'Authentication failed: invalid username or password',
      'Check the username and password of the account',
    );
  }
  if (context.service === 'sddc-manager') {
    context.environment.recordServiceAccountLogin(
      context.faults.passwordRotationsPerLogin,
    );
  }
  return {
    status: 201,
    body: context.environment.tokens[context.service].issue(login.username),
  };
}

function refreshAccessToken(request: ApiRequest, context: RouteContext) {
  const refreshTokenId = readRefreshTokenId(request.body);
  if (!refreshTokenId) {
    return vcfError(
      400,
      'REFRESH_TOKEN_ID_MISSING',
      'The request body must be the refresh token id',
    );
  }
  const accessToken =
    context.environment.tokens[context.service].refresh(refreshTokenId);
  if (!accessToken) {
    return vcfError(404, 'REFRESH_TOKEN_NOT_FOUND', 'Refresh token not found');
  }
  return { status: 200, body: accessToken };
}

/** `POST /v1/tokens` and `PATCH /v1/tokens/access-token/refresh`, the same on both APIs. */
export const tokenRoutes: SpecRoute[] = [
  { method: 'post', path: '/v1/tokens', public: true, handle: createToken },
  {
    method: 'patch',
    path: '/v1/tokens/access-token/refresh',
    public: true,
    handle: refreshAccessToken,
  },
];
