import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import {
  VCF_ENVIRONMENT_ANNOTATION,
  VCF_RESOURCE_TYPES,
  VCF_VCENTER_ANNOTATION,
  VSPHERE_CLUSTER_ANNOTATION,
  VSPHERE_HOSTS_ANNOTATION,
  VSPHERE_VMS_ANNOTATION,
} from '@vcf-backstage/plugin-vcf-common';
import { toEntityName } from './entityNames';
import type {
  VcfCatalogInventoryItem,
  VcfCatalogSnapshot,
} from '@vcf-backstage/plugin-vcf-common';

/** Namespace of every entity the provider emits, so they never clash with users' own entities. @public */
export const VCF_ENTITY_NAMESPACE = 'vcf';

/**
 * Names the entity that contains this one (host → cluster → vCenter → environment). The module's processor turns
 * it into `partOf` / `hasPart` relations.
 * @public
 */
export const VCF_PART_OF_ANNOTATION = 'vcf-backstage.io/part-of';

/** The `spec.type` of each kind of emitted Resource (defined in vcf-common, where the frontend reads it). @public */
export { VCF_RESOURCE_TYPES };

const LOCATION = 'url:vcf://catalog-snapshot';

function ref(name: string): string {
  return stringifyEntityRef({
    kind: 'Resource',
    namespace: VCF_ENTITY_NAMESPACE,
    name,
  });
}

/**
 * Turns a catalog snapshot into entities: a `Resource` per VCF environment, vCenter, cluster, ESXi host,
 * datastore and (when asked for) VM, each owned by its vCenter's (or environment's) owner, with `partOf` links up
 * the tree, hosts depending on the datastores they mount and VMs on their host.
 * @public
 */
export class VcfEntityBuilder {
  constructor(
    private readonly options: {
      defaultOwner: string;
      /** The app's base URL (`app.baseUrl`): entity links must be absolute. */
      appBaseUrl: string;
    },
  ) {}

  build(snapshot: VcfCatalogSnapshot): Entity[] {
    const entities: Entity[] = [];
    const environmentIds = new Set(snapshot.environments.map(e => e.id));
    for (const env of snapshot.environments) {
      entities.push(
        this.resource({
          name: toEntityName(env.id),
          title: env.title,
          description: env.description,
          type: VCF_RESOURCE_TYPES.environment,
          owner: env.owner,
          annotations: { [VCF_ENVIRONMENT_ANNOTATION]: env.id },
          link: {
            url: `${this.options.appBaseUrl.replace(
              /\/+$/,
              '',
            )}/vcf/environments/${encodeURIComponent(env.id)}`,
            title: 'Credentials and inventory',
          },
        }),
      );
    }

    const vcenterName = (id: string) => toEntityName('vcenter', id);
    for (const vc of snapshot.vcenters ?? []) {
      entities.push(
        this.resource({
          name: vcenterName(vc.id),
          title: vc.title,
          type: VCF_RESOURCE_TYPES.vcenter,
          owner: vc.owner,
          partOf:
            vc.environmentId && environmentIds.has(vc.environmentId)
              ? toEntityName(vc.environmentId)
              : undefined,
          annotations: {
            [VCF_VCENTER_ANNOTATION]: vc.id,
            ...(vc.environmentId
              ? { [VCF_ENVIRONMENT_ANNOTATION]: vc.environmentId }
              : {}),
          },
          link: {
            url: new URL('/ui', vc.baseUrl).toString(),
            title: 'vSphere Client',
          },
        }),
      );
    }

    const itemName = (item: VcfCatalogInventoryItem) =>
      toEntityName(item.vcenterId, item.moref);
    const byName = (items: VcfCatalogInventoryItem[]) => {
      const map = new Map<string, string>();
      for (const item of items) {
        const key = `${item.vcenterId}\u0000${item.name}`;
        if (!map.has(key)) map.set(key, itemName(item));
      }
      return (vcenterId: string, name: string) =>
        map.get(`${vcenterId}\u0000${name}`);
    };
    const clusterByName = byName(snapshot.clusters ?? []);
    const datastoreNamesByHost = new Map<string, string[]>();
    for (const ds of snapshot.datastores ?? []) {
      for (const host of ds.hosts) {
        const key = `${ds.vcenterId}\u0000${host}`;
        datastoreNamesByHost.set(key, [
          ...(datastoreNamesByHost.get(key) ?? []),
          itemName(ds),
        ]);
      }
    }

    const vsphere = (
      item: VcfCatalogInventoryItem,
      type: string,
      partOf: string | undefined,
      extra: {
        dependsOn?: string[];
        annotations?: Record<string, string>;
      } = {},
    ) =>
      this.resource({
        name: itemName(item),
        title: item.name,
        type,
        owner: item.owner,
        partOf,
        dependsOn: extra.dependsOn,
        annotations: {
          [VCF_VCENTER_ANNOTATION]: item.vcenterId,
          ...(item.environmentId
            ? { [VCF_ENVIRONMENT_ANNOTATION]: item.environmentId }
            : {}),
          ...extra.annotations,
        },
      });

    for (const cluster of snapshot.clusters ?? []) {
      entities.push(
        vsphere(
          cluster,
          VCF_RESOURCE_TYPES.cluster,
          vcenterName(cluster.vcenterId),
          {
            annotations: {
              [VSPHERE_CLUSTER_ANNOTATION]: `${cluster.vcenterId}/${cluster.name}`,
            },
          },
        ),
      );
    }
    for (const host of snapshot.hosts ?? []) {
      const cluster = host.cluster
        ? clusterByName(host.vcenterId, host.cluster)
        : undefined;
      entities.push(
        vsphere(
          host,
          VCF_RESOURCE_TYPES.host,
          cluster ?? vcenterName(host.vcenterId),
          {
            dependsOn: (
              datastoreNamesByHost.get(`${host.vcenterId}\u0000${host.name}`) ??
              []
            ).map(ref),
            annotations: {
              [VSPHERE_HOSTS_ANNOTATION]: `${host.vcenterId}/${host.name}`,
            },
          },
        ),
      );
    }
    for (const ds of snapshot.datastores ?? []) {
      entities.push(
        vsphere(ds, VCF_RESOURCE_TYPES.datastore, vcenterName(ds.vcenterId)),
      );
    }
    const hostByName = byName(snapshot.hosts ?? []);
    for (const vm of snapshot.vms ?? []) {
      const host = vm.host ? hostByName(vm.vcenterId, vm.host) : undefined;
      entities.push(
        vsphere(vm, VCF_RESOURCE_TYPES.vm, vcenterName(vm.vcenterId), {
          dependsOn: host ? [ref(host)] : undefined,
          annotations: {
            [VSPHERE_VMS_ANNOTATION]: `${vm.vcenterId}/${vm.name}`,
          },
        }),
      );
    }
    return entities;
  }

  private resource(options: {
    name: string;
    title: string;
    description?: string;
    type: string;
    owner?: string;
    partOf?: string;
    dependsOn?: string[];
    annotations: Record<string, string>;
    link?: { url: string; title: string };
  }): Entity {
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: options.name,
        namespace: VCF_ENTITY_NAMESPACE,
        title: options.title,
        ...(options.description ? { description: options.description } : {}),
        annotations: {
          ...options.annotations,
          ...(options.partOf
            ? { [VCF_PART_OF_ANNOTATION]: ref(options.partOf) }
            : {}),
          [ANNOTATION_LOCATION]: LOCATION,
          [ANNOTATION_ORIGIN_LOCATION]: LOCATION,
        },
        ...(options.link ? { links: [options.link] } : {}),
      },
      spec: {
        type: options.type,
        owner: options.owner ?? this.options.defaultOwner,
        ...(options.dependsOn?.length ? { dependsOn: options.dependsOn } : {}),
      },
    };
  }
}
