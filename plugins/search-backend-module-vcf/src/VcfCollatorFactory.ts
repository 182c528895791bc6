import { Readable } from 'node:stream';
import type { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import {
  VCF_SEARCH_TYPES,
  vcfEnvironmentReadPermission,
  vcfInventoryReadPermission,
  vcfSearchSourcePath,
  type VcfSearchKind,
  type VcfSearchSource,
} from '@vcf-backstage/plugin-vcf-common';
import type { VcfSearchDocument } from './VcfSearchDocument';
import type { VcfSearchSourceReader } from './VcfSearchSourceReader';

const KIND_LABELS: Record<VcfSearchKind, string> = {
  environments: 'VCF environment',
  vcenters: 'vCenter',
  clusters: 'Cluster',
  hosts: 'ESXi host',
  datastores: 'Datastore',
  vms: 'Virtual machine',
};

/** The document of one object; its text is what the search engine matches besides the title. */
export function toSearchDocument(source: VcfSearchSource): VcfSearchDocument {
  const text = [
    KIND_LABELS[source.kind],
    source.description,
    source.guestOs,
    ...(source.ipAddresses ?? []),
    source.cluster && `cluster ${source.cluster}`,
    source.host && `host ${source.host}`,
    source.vcenterId && `vCenter ${source.vcenterId}`,
    source.environmentId && `environment ${source.environmentId}`,
    source.owner && `owner ${source.owner}`,
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    title: source.name,
    text,
    location: vcfSearchSourcePath(source),
    kind: source.kind,
    objectId: source.id,
    environmentId: source.environmentId,
    vcenterId: source.vcenterId,
    owner: source.owner,
    cluster: source.cluster,
    host: source.host,
    guestOs: source.guestOs,
    ipAddresses: source.ipAddresses,
    powerState: source.powerState,
    // Environments are guarded per environment: the search backend asks the VCF plugin about each one.
    ...(source.kind === 'environments'
      ? { authorization: { resourceRef: source.id } }
      : {}),
  };
}

/**
 * Indexes VCF environments as `vcf-environment` documents. A user sees an environment in the results only when
 * `vcf.environment.read` allows it for that environment (the same decision as `GET /environments/:id`).
 * @public
 */
export class VcfEnvironmentCollatorFactory implements DocumentCollatorFactory {
  /** The search type the documents are indexed under. */
  readonly type = VCF_SEARCH_TYPES.environment;
  /** Results are filtered by vcf.environment.read, so a result shows only to who may read the environment. */
  readonly visibilityPermission = vcfEnvironmentReadPermission;

  constructor(private readonly reader: VcfSearchSourceReader) {}

  /** Streams one document per object, read page by page from the VCF backend. */
  async getCollator(): Promise<Readable> {
    return Readable.from(this.documents());
  }

  private async *documents(): AsyncGenerator<VcfSearchDocument> {
    for await (const source of this.reader.read('environments'))
      yield toSearchDocument(source);
  }
}

/** The inventory kinds of the `vcf-inventory` documents. */
const INVENTORY_SEARCH_KINDS: VcfSearchKind[] = [
  'vcenters',
  'clusters',
  'hosts',
  'datastores',
  'vms',
];

/**
 * Indexes vCenters, clusters, ESXi hosts, datastores and VMs as `vcf-inventory` documents, shown to users with
 * `vcf.inventory.read` (the permission of the inventory pages).
 * @public
 */
export class VcfInventoryCollatorFactory implements DocumentCollatorFactory {
  /** The search type the documents are indexed under. */
  readonly type = VCF_SEARCH_TYPES.inventory;
  /** Results are filtered by vcf.inventory.read. */
  readonly visibilityPermission = vcfInventoryReadPermission;

  constructor(private readonly reader: VcfSearchSourceReader) {}

  /** Streams one document per object, read page by page from the VCF backend. */
  async getCollator(): Promise<Readable> {
    return Readable.from(this.documents());
  }

  private async *documents(): AsyncGenerator<VcfSearchDocument> {
    for (const kind of INVENTORY_SEARCH_KINDS) {
      for await (const source of this.reader.read(kind))
        yield toSearchDocument(source);
    }
  }
}
