import { CredentialOperationError } from '../state/CredentialOperations';
import type {
  ApiRequest,
  ApiResponse,
  RouteContext,
  SpecRoute,
} from './SpecRoute';
import { vcfError } from './vcfError';

/** Runs an operation; a refused request becomes SDDC Manager's 400 `Error`. */
function refusable(operation: () => ApiResponse): ApiResponse {
  try {
    return operation();
  } catch (error) {
    if (error instanceof CredentialOperationError) {
      return vcfError(400, error.errorCode, error.message);
    }
    throw error;
  }
}

function taskNotFound(request: ApiRequest): ApiResponse {
  return vcfError(
    400,
    'TASK_NOT_FOUND',
    `Credentials task ${request.params.id} not found`,
  );
}

function updateCredentials(request: ApiRequest, context: RouteContext) {
  return refusable(() => ({
    status: 202,
    body: context.environment.credentialOperations.start(
      request.body,
      context.faults,
    ),
  }));
}

function getTask(request: ApiRequest, context: RouteContext) {
  const task = context.environment.credentialOperations.poll(request.params.id);
  return task ? { status: 200, body: task } : taskNotFound(request);
}

function retryTask(request: ApiRequest, context: RouteContext) {
  return refusable(() => {
    const task = context.environment.credentialOperations.retry(
      request.params.id,
      request.body,
      context.faults,
    );
    return task ? { status: 202, body: task } : taskNotFound(request);
  });
}

function cancelTask(request: ApiRequest, context: RouteContext) {
  return refusable(() => {
    const task = context.environment.credentialOperations.cancel(
      request.params.id,
    );
    return task ? { status: 202, body: task } : taskNotFound(request);
  });
}

function startExpirationCheck(request: ApiRequest, context: RouteContext) {
  return refusable(() => ({
    status: 202,
    body: context.environment.credentialOperations.startExpirationCheck(
      request.body,
      context.faults,
    ),
  }));
}

function getExpirationCheck(request: ApiRequest, context: RouteContext) {
  const check = context.environment.credentialOperations.pollExpirationCheck(
    request.params.id,
  );
  return check
    ? { status: 200, body: check }
    : vcfError(
        404,
        'EXPIRATION_TASK_NOT_FOUND',
        `Expiration check ${request.params.id} not found`,
      );
}

/**
 * SDDC Manager's password operations: rotate, update, remediate and the auto-rotate policy through
 * `PATCH /v1/credentials`, the resulting tasks (poll, retry, cancel), and on-demand expiration checks.
 */
export const credentialOperationRoutes: SpecRoute[] = [
  { method: 'patch', path: '/v1/credentials', handle: updateCredentials },
  { method: 'get', path: '/v1/credentials/tasks/{id}', handle: getTask },
  { method: 'patch', path: '/v1/credentials/tasks/{id}', handle: retryTask },
  { method: 'delete', path: '/v1/credentials/tasks/{id}', handle: cancelTask },
  {
    method: 'post',
    path: '/v1/credentials/expirations',
    handle: startExpirationCheck,
  },
  {
    method: 'get',
    path: '/v1/credentials/expirations/{id}',
    handle: getExpirationCheck,
  },
];
