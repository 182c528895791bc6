import type { IndexableDocument } from '@backstage/plugin-search-common';
import type { VcfSearchKind } from '@vcf-backstage/plugin-vcf-common';

/**
 * A VCF object in the search index: what the result list shows and the index matches (name, addresses, guest
 * OS, placement, owner). Never a username, password or endpoint credential.
 * @public
 */
export interface VcfSearchDocument extends IndexableDocument {
  /** What the object is: an environment, a vCenter or an inventory kind (VM, host, cluster, datastore). */
  kind: VcfSearchKind;
  /** The object's id in the VCF API: environment id, vCenter id, or `${vcenterId}:${moref}`. */
  objectId: string;
  /** The VCF environment the object belongs to, when it belongs to one. */
  environmentId?: string;
  /** The vCenter an inventory object was read from. */
  vcenterId?: string;
  /** The owning entity ref of the environment or vCenter, e.g. `group:default/platform`. */
  owner?: string;
  /** The cluster of a host or VM. */
  cluster?: string;
  /** The host a VM runs on. */
  host?: string;
  /** A VM's guest OS, as VMware Tools reports it or as configured. */
  guestOs?: string;
  /** A VM's guest IP addresses or a host's management address. */
  ipAddresses?: string[];
  /** A VM's power state (`poweredOn`, `poweredOff`, `suspended`). */
  powerState?: string;
}
