import { ResponseError } from '@backstage/errors';

/**
 * A one-line message for an error, using the backend's own message when the error came
 * from the VCF API (`Request failed with 403 Forbidden` says little on its own).
 */
export function describeError(error: unknown): string {
  if (error instanceof ResponseError) {
    return error.cause?.message
      ? `${error.cause.message} (HTTP ${error.statusCode})`
      : error.message;
  }
  if (error instanceof Error) {
    return error.message;
  }
  return String(error);
}
