import type { CredentialSource } from '@vcf-backstage/plugin-vcf-common';

// The one place that builds and reads sync-target ids. Environment and vCenter ids never contain ':'
// (VCF_ID_PATTERN), so the separator is unambiguous.

/** Sync target id of an environment source's credentials. @internal */
export function credentialTargetId(
  environmentId: string,
  source: CredentialSource,
): string {
  return `credentials:${environmentId}:${source}`;
}

/** The environment and source a credential sync target id names, or undefined for any other id. @internal */
export function parseCredentialTargetId(
  targetId: string,
): { environmentId: string; source: CredentialSource } | undefined {
  const match = /^credentials:([^:]+):(sddc-manager|installer)$/.exec(targetId);
  return match
    ? { environmentId: match[1], source: match[2] as CredentialSource }
    : undefined;
}

/** Sync target id of a vCenter's inventory. @internal */
export function inventoryTargetId(vcenterId: string): string {
  return `inventory:${vcenterId}`;
}
