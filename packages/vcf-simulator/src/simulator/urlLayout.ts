/**
 * Where things live on a simulator's server. Every environment has its own
 * SDDC Manager and installer base URL; the spec paths go below them unchanged:
 *
 * ```
 * https://<host>:<port>/env/<id>/sddc-manager/v1/credentials
 * https://<host>:<port>/env/<id>/installer/v1/sddcs/{id}/spec
 * https://<host>:<port>/_simulator/faults
 * ```
 */

/** Base path of an environment's SDDC Manager API. */
export function sddcManagerBasePath(environmentId: string): string {
  return `/env/${environmentId}/sddc-manager`;
}

/** Base path of an environment's VCF Installer API. */
export function installerBasePath(environmentId: string): string {
  return `/env/${environmentId}/installer`;
}

/** Base path of the test-only admin endpoints. */
export const ADMIN_BASE_PATH = '/_simulator';
