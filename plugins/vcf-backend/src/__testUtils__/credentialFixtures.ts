import type { Knex } from 'knex';
import type { UpstreamCredential } from '../credentials/UpstreamCredential';
import { nowIso } from '../database/rowValues';

/** Inserts a bare environment row for store tests. */
export async function insertEnvironment(
  knex: Knex,
  id: string,
  owner?: string,
) {
  await knex('environments').insert({
    id,
    title: id,
    owner: owner ?? null,
    managed_by: 'api',
    discover_vcenters: false,
    created_at: nowIso(),
    updated_at: nowIso(),
  });
}

/** A credential as an upstream would report it. */
export function upstreamCredential(
  n: number,
  overrides: Partial<UpstreamCredential> = {},
): UpstreamCredential {
  return {
    naturalKey: `cred-${n}`,
    upstreamId: `cred-${n}`,
    resourceName: `esxi-${String(n).padStart(3, '0')}.vcf01.example.test`,
    resourceIp: `10.0.0.${n % 250}`,
    resourceType: n % 3 === 0 ? 'VCENTER' : 'ESXI',
    domainName: n % 2 === 0 ? 'MGMT' : 'WLD-01',
    username: 'root',
    password: `Pass-${n}!`,
    credentialType: n % 3 === 0 ? 'SSO' : 'SSH',
    accountType: n % 5 === 0 ? 'SERVICE' : 'USER',
    expiryStatus: n % 7 === 0 ? 'EXPIRING' : 'ACTIVE',
    ...overrides,
  };
}
