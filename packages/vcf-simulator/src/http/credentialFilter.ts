import type { Credential } from '../data/apiTypes';

/** The filters of `GET /v1/credentials`; each one given must match (case-insensitively). */
export interface CredentialFilter {
  resourceName?: string;
  resourceIp?: string;
  resourceType?: string;
  domainName?: string;
  accountType?: string;
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Applies the query filters of `GET /v1/credentials`, keeping the list order. */
export function filterCredentials(
  credentials: Credential[],
  filter: CredentialFilter,
): Credential[] {
  const { resourceName, resourceIp, resourceType, domainName, accountType } =
    filter;
  if (
    !resourceName &&
    !resourceIp &&
    !resourceType &&
    !domainName &&
    !accountType
  ) {
    return credentials;
  }
  return credentials.filter(
    c =>
      (!resourceName || same(c.resource.resourceName, resourceName)) &&
      (!resourceIp || c.resource.resourceIp === resourceIp) &&
      (!resourceType || same(c.resource.resourceType, resourceType)) &&
      (!domainName || c.resource.domainNames.some(d => same(d, domainName))) &&
      (!accountType || same(c.accountType, accountType)),
  );
}
