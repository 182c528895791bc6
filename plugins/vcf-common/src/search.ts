/**
 * What the portal's search, notifications and MCP actions need to name and link VCF objects: the kinds of
 * objects that are indexed, the page paths of each object, and the rows the search collator reads.
 */

/**
 * The objects the search collator indexes. `environments` are guarded by `vcf.environment.read` per
 * environment; the others by `vcf.inventory.read`.
 * @public
 */
export type VcfSearchKind =
  | 'environments'
  | 'vcenters'
  | 'clusters'
  | 'hosts'
  | 'datastores'
  | 'vms';

/**
 * Every {@link VcfSearchKind}, in the order the collator reads them.
 * @public
 */
export const VCF_SEARCH_KINDS: VcfSearchKind[] = [
  'environments',
  'vcenters',
  'clusters',
  'hosts',
  'datastores',
  'vms',
];

/**
 * The search document types of the VCF collators.
 * @public
 */
export const VCF_SEARCH_TYPES = {
  /** Environments, one permission decision per environment. */
  environment: 'vcf-environment',
  /** vCenters and their clusters, hosts, datastores and VMs. */
  inventory: 'vcf-inventory',
} as const;

/**
 * One object as `GET /search-sources/:kind` serves it to the search collator: names, placement, addresses and
 * owner; never a username, password or endpoint credential.
 * @public
 */
export interface VcfSearchSource {
  kind: VcfSearchKind;
  /** The environment id, the vCenter id, or `${vcenterId}:${moref}` for inventory objects. */
  id: string;
  name: string;
  description?: string;
  environmentId?: string;
  vcenterId?: string;
  /** Entity ref of the owning group (the vCenter's owner, else its environment's). */
  owner?: string;
  cluster?: string;
  host?: string;
  guestOs?: string;
  ipAddresses?: string[];
  powerState?: string;
}

/**
 * Paths of the VCF pages, relative to the app's root, for links from notifications, search results and MCP
 * answers. They assume the plugin's page is mounted at `/vcf` (the default).
 * @public
 */
export const vcfPagePaths = {
  root: () => '/vcf',
  environment: (environmentId: string) =>
    `/vcf/environments/${encodeURIComponent(environmentId)}`,
  environmentCredentials: (environmentId: string) =>
    `/vcf/environments/${encodeURIComponent(environmentId)}/credentials`,
  /** The environment's credential tasks tab (rotations, updates, remediations and their progress). */
  environmentCredentialTasks: (environmentId: string) =>
    `/vcf/environments/${encodeURIComponent(environmentId)}/credential-tasks`,
  environmentSyncHistory: (environmentId: string) =>
    `/vcf/environments/${encodeURIComponent(environmentId)}/sync-history`,
  vcenters: () => '/vcf/vcenters',
  /** The detail page of one inventory object, e.g. `/vcf/inventory/vms/vc1%3Avm-42`. */
  inventoryItem: (kind: string, id: string) =>
    `/vcf/inventory/${encodeURIComponent(kind)}/${encodeURIComponent(id)}`,
};

/**
 * The page of one indexed object.
 * @public
 */
export function vcfSearchSourcePath(
  source: Pick<VcfSearchSource, 'kind' | 'id'>,
): string {
  switch (source.kind) {
    case 'environments':
      return vcfPagePaths.environment(source.id);
    case 'vcenters':
      return vcfPagePaths.vcenters();
    default:
      return vcfPagePaths.inventoryItem(source.kind, source.id);
  }
}
