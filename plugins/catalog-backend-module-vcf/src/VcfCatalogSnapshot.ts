/**
 * The JSON of `GET /api/vcf/catalog-snapshot` as the provider reads it. Names, placements and owners only: the
 * VCF plugin never puts a username or password in it.
 * @public
 */
export interface VcfCatalogSnapshot {
  environments: Array<{ id: string; title: string; description?: string; owner?: string }>;
  vcenters?: Array<{ id: string; title: string; baseUrl: string; environmentId?: string; owner?: string }>;
  clusters?: VcfCatalogInventoryItem[];
  /** `cluster` is the name of the host's cluster in the same vCenter. */
  hosts?: Array<VcfCatalogInventoryItem & { cluster?: string }>;
  /** `hosts` are the names of the hosts that mount the datastore, in the same vCenter. */
  datastores?: Array<VcfCatalogInventoryItem & { hosts: string[] }>;
}

/**
 * One vSphere object of the snapshot.
 * @public
 */
export interface VcfCatalogInventoryItem {
  id: string;
  vcenterId: string;
  moref: string;
  name: string;
  environmentId?: string;
  owner?: string;
}
