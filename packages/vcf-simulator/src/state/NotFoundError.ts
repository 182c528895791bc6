/** Thrown when a simulator call names an environment or credential that does not exist. */
export class NotFoundError extends Error {
  name = 'NotFoundError';
}
