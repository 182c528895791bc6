import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  VSPHERE_HOSTS_ANNOTATION,
  VSPHERE_VMS_ANNOTATION,
  type InventoryDetailKind,
} from '@vcf-backstage/plugin-vcf-common';
import useAsync from 'react-use/esm/useAsync';

/** The annotation the catalog module puts on the Resource of each VM and host: `vcenterId/name`. */
const ANNOTATION_OF_KIND: Record<InventoryDetailKind, string> = {
  vms: VSPHERE_VMS_ANNOTATION,
  hosts: VSPHERE_HOSTS_ANNOTATION,
};

/** Props of {@link InventoryCatalogEntities}. */
export interface InventoryCatalogEntitiesProps {
  kind: InventoryDetailKind;
  vcenterId: string;
  name: string;
}

/**
 * Links to the catalog Resource of a VM or host: the entity whose vSphere annotation names exactly this object
 * (`vcenterId/name`), as the VCF catalog module emits it. "–" when the catalog has none (the module emits VMs only
 * when their names match its pattern).
 */
export function InventoryCatalogEntities(props: InventoryCatalogEntitiesProps) {
  const { kind, vcenterId, name } = props;
  const catalogApi = useApi(catalogApiRef);
  const {
    value: entities,
    loading,
    error,
  } = useAsync(
    async () =>
      (
        await catalogApi.getEntities({
          filter: {
            kind: 'Resource',
            [`metadata.annotations.${ANNOTATION_OF_KIND[kind]}`]: `${vcenterId}/${name}`,
          },
          fields: [
            'kind',
            'metadata.namespace',
            'metadata.name',
            'metadata.title',
          ],
        })
      ).items,
    [catalogApi, kind, vcenterId, name],
  );
  if (loading) return <>…</>;
  if (error) return <>The catalog could not be read: {error.message}</>;
  if (!entities?.length) return <>–</>;
  return (
    <>
      {entities.map((entity, i) => (
        <span key={`${entity.metadata.namespace}/${entity.metadata.name}`}>
          {i > 0 && ', '}
          <EntityRefLink entityRef={entity} />
        </span>
      ))}
    </>
  );
}
