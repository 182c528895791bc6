import type {
  InventoryDetailKind,
  InventoryDetailVcenter,
} from '@vcf-backstage/plugin-vcf-common';

/** The vSphere Client's view and managed object type of each kind with a detail page. */
const VSPHERE_CLIENT_OBJECTS: Record<
  InventoryDetailKind,
  { view: string; type: string }
> = {
  vms: { view: 'vm', type: 'VirtualMachine' },
  hosts: { view: 'host', type: 'HostSystem' },
};

/**
 * The vSphere Client (HTML5) address of a VM or host: its summary in the Hosts and Clusters view, addressed as
 * `urn:vmomi:<type>:<moref>:<vCenter instance UUID>`. Without the vCenter's instance UUID the object cannot be
 * addressed, so the address is the client's search for the object's name instead.
 */
export function vsphereClientUrl(
  vcenter: Pick<InventoryDetailVcenter, 'baseUrl' | 'instanceUuid'>,
  object: { kind: InventoryDetailKind; moref: string; name: string },
): string {
  const base = vcenter.baseUrl.replace(/\/+$/, '');
  if (!vcenter.instanceUuid) {
    return `${base}/ui/app/search?query=${encodeURIComponent(object.name)}`;
  }
  const { view, type } = VSPHERE_CLIENT_OBJECTS[object.kind];
  const urn = `urn:vmomi:${type}:${object.moref}:${vcenter.instanceUuid}`;
  return `${base}/ui/app/${view};nav=h/${encodeURIComponent(urn).replace(
    /%3A/g,
    ':',
  )}/summary`;
}
