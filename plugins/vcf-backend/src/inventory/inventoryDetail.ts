import { NotFoundError } from '@backstage/errors';
import {
  splitInventoryRowId,
  inventoryRowId,
  type InventoryDetail,
  type InventoryDetailKind,
  type VcenterSummary,
} from '@vcf-backstage/plugin-vcf-common';
import type { InventoryStore } from './InventoryStore';

/** Tasks, events and changes shown on a detail page: the latest ones. */
const RELATED_LIMIT = 100;

/** Whether a kind has a detail page. @internal */
export function isDetailKind(kind: string): kind is InventoryDetailKind {
  return kind === 'vms' || kind === 'hosts';
}

/**
 * Splits an inventory row id (`vcenterId:moref`) into its parts, or throws a 404 for an id that cannot exist.
 * @internal
 */
export function parseInventoryRowId(id: string): {
  vcenterId: string;
  moref: string;
} {
  const parts = splitInventoryRowId(id);
  if (!parts) {
    throw new NotFoundError(
      `No inventory object "${id}"; ids are vcenterId:moref`,
    );
  }
  return parts;
}

/**
 * One VM or host with its children (disks and NICs, or physical NICs and VMkernel adapters), its snapshots,
 * alarms, tasks, events and changes, read from the stored inventory. 404 when the object is not stored.
 * @internal
 */
export async function readInventoryDetail(
  inventory: InventoryStore,
  vcenter: Pick<VcenterSummary, 'id' | 'title' | 'baseUrl' | 'instanceUuid'>,
  kind: InventoryDetailKind,
  moref: string,
): Promise<InventoryDetail> {
  const vcenterId = vcenter.id;
  const about = { field: 'entityMoref', value: moref };
  const notFound = () =>
    new NotFoundError(
      `No ${
        kind === 'vms' ? 'VM' : 'host'
      } "${moref}" in vCenter "${vcenterId}"`,
    );
  const byMoref = { field: 'moref', value: moref };
  const [alarms, tasks, events, changes] = await Promise.all([
    inventory.findRows('alarms', vcenterId, about),
    inventory.findRows('tasks', vcenterId, about, RELATED_LIMIT),
    inventory.findRows('events', vcenterId, about, RELATED_LIMIT),
    inventory.listChanges({
      objectId: inventoryRowId(vcenterId, moref),
      limit: RELATED_LIMIT,
    }),
  ]);
  const common = {
    alarms,
    tasks,
    events,
    changes: changes.items,
    vcenter: {
      id: vcenter.id,
      title: vcenter.title,
      baseUrl: vcenter.baseUrl,
      ...(vcenter.instanceUuid ? { instanceUuid: vcenter.instanceUuid } : {}),
    },
  };
  if (kind === 'vms') {
    const ofVm = { field: 'vmMoref', value: moref };
    const [[row], disks, nics, snapshots] = await Promise.all([
      inventory.findRows('vms', vcenterId, byMoref),
      inventory.findRows('vm-disks', vcenterId, ofVm),
      inventory.findRows('vm-nics', vcenterId, ofVm),
      inventory.findRows('snapshots', vcenterId, ofVm),
    ]);
    if (!row) throw notFound();
    return {
      kind,
      row,
      disks,
      nics,
      snapshots,
      ...common,
    };
  }
  const ofHost = { field: 'hostMoref', value: moref };
  const [[row], nics, vmkernelAdapters] = await Promise.all([
    inventory.findRows('hosts', vcenterId, byMoref),
    inventory.findRows('host-nics', vcenterId, ofHost),
    inventory.findRows('host-vmkernel-adapters', vcenterId, ofHost),
  ]);
  if (!row) throw notFound();
  return { kind, row, nics, vmkernelAdapters, ...common };
}

/**
 * `GET /inventory/{kind}/{id}` and the `get-vm` / `get-host` actions: one VM or host by its row id
 * (`vcenterId:moref`), with the same 404s for a malformed id, an unknown vCenter and an object not stored.
 * @internal
 */
export async function readInventoryDetailById(
  inventory: InventoryStore,
  vcenters: {
    get(id: string): Promise<Pick<VcenterSummary, 'id' | 'title' | 'baseUrl'>>;
  },
  kind: InventoryDetailKind,
  id: string,
): Promise<InventoryDetail> {
  const { vcenterId, moref } = parseInventoryRowId(id);
  const vcenter = await vcenters.get(vcenterId);
  return readInventoryDetail(inventory, vcenter, kind, moref);
}
