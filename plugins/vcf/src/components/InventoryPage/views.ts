import type { InventoryViewId } from '../../hooks/useVcfPaths';

/** The inventory views in display order. */
export const INVENTORY_VIEWS: Array<{ id: InventoryViewId; title: string }> = [
  { id: 'vms', title: 'VMs' },
  { id: 'hosts', title: 'Hosts' },
  { id: 'clusters', title: 'Clusters' },
  { id: 'storage', title: 'Storage' },
  { id: 'networks', title: 'Networks' },
  { id: 'snapshots', title: 'Snapshots' },
  { id: 'alarms', title: 'Alarms' },
  { id: 'events', title: 'Tasks & events' },
  { id: 'top', title: 'Top' },
];

export function isInventoryView(id: string | undefined): id is InventoryViewId {
  return INVENTORY_VIEWS.some(view => view.id === id);
}
