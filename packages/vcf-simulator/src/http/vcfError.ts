import { randomBytes } from 'node:crypto';
import type { VcfErrorBody } from '../data/apiTypes';
import type { ApiResponse } from './SpecRoute';

/**
 * An error response with the specs' `Error` body: a minor error code, a
 * message and a reference token, as SDDC Manager and the installer send them.
 */
export function vcfError(
  status: number,
  errorCode: string,
  message: string,
  remediationMessage?: string,
): ApiResponse {
  const body: VcfErrorBody = {
    errorCode,
    errorType: 'ERROR',
    arguments: [],
    message,
    referenceToken: randomBytes(3).toString('hex').toUpperCase(),
  };
  if (remediationMessage) {
    body.remediationMessage = remediationMessage;
  }
  return { status, body };
}
