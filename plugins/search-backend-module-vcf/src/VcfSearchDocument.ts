import type { IndexableDocument } from '@backstage/plugin-search-common';
import type { VcfSearchKind } from '@vcf-backstage/plugin-vcf-common';

/**
 * A VCF object in the search index: what the result list shows and the index matches (name, addresses, guest
 * OS, placement, owner). Never a username, password or endpoint credential.
 * @public
 */
export interface VcfSearchDocument extends IndexableDocument {
  kind: VcfSearchKind;
  /** The object's id in the VCF API: environment id, vCenter id, or `${vcenterId}:${moref}`. */
  objectId: string;
  environmentId?: string;
  vcenterId?: string;
  owner?: string;
  cluster?: string;
  host?: string;
  guestOs?: string;
  ipAddresses?: string[];
  powerState?: string;
}
