import { randomBytes } from 'node:crypto';
import type { ErrorRequestHandler } from 'express';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ErrorResponseBody } from '@backstage/errors';
import { describeError } from '../errors/describeError';

/** The errors of `@backstage/errors` a route throws on purpose, and their status. */
const KNOWN_ERRORS: Record<string, number> = {
  NotModifiedError: 304,
  InputError: 400,
  AuthenticationError: 401,
  NotAllowedError: 403,
  NotFoundError: 404,
  ConflictError: 409,
  NotImplementedError: 501,
  ServiceUnavailableError: 503,
};

/** The status of an error a route or a middleware (e.g. the JSON body parser) meant to answer with. */
function intendedStatus(error: unknown): number | undefined {
  if (!(error instanceof Error)) return undefined;
  if (Object.prototype.hasOwnProperty.call(KNOWN_ERRORS, error.name))
    return KNOWN_ERRORS[error.name];
  // body-parser marks the errors whose message is meant for the client (bad JSON, body too large…).
  const { expose, status } = error as { expose?: unknown; status?: unknown };
  if (
    expose === true &&
    typeof status === 'number' &&
    status >= 400 &&
    status < 500
  )
    return status;
  return undefined;
}

/**
 * The last handler of the `/api/vcf` router. Every error is answered here in Backstage's error body shape, without
 * a stack (whatever `NODE_ENV` is, so a backend run as `yarn start` does not show one either). An error a route
 * did not mean to answer with (a database or programming error) becomes a 500 that names a log id only; its
 * detail goes to the log. A failure after the response started destroys the response.
 * @internal
 */
export function createErrorHandler(logger: LoggerService): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const status = intendedStatus(error);
    let body: ErrorResponseBody['error'];
    if (status !== undefined) {
      body = { name: (error as Error).name, message: (error as Error).message };
    } else {
      const logId = randomBytes(8).toString('hex');
      logger.error(
        `Request ${req.method} ${
          req.path
        } failed (logId=${logId}): ${describeError(error)}`,
        {
          logId,
          error: describeError(error),
          // The frames only: the first line repeats the message, which for a database error holds the statement.
          frames:
            error instanceof Error
              ? error.stack
                  ?.split('\n')
                  .filter(l => /^\s+at /.test(l))
                  .join('\n')
              : undefined,
        },
      );
      body = {
        name: 'Error',
        message: `An internal error occurred (logId=${logId}); the backend log has the detail`,
      };
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const statusCode = status ?? 500;
    const response: ErrorResponseBody = {
      error: body,
      request: { method: req.method, url: req.originalUrl },
      response: { statusCode },
    };
    res.status(statusCode).json(response);
  };
}
