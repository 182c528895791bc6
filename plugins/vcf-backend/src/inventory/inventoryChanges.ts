import type {
  InventoryChange,
  InventoryChangeKind,
  InventoryKind,
} from '@vcf-backstage/plugin-vcf-common';
import { INVENTORY_CHANGE_KINDS } from '@vcf-backstage/plugin-vcf-common';
import { INVENTORY_TABLES, type InventoryColumn } from './inventoryTables';

/**
 * The table of the change feed.
 * @internal
 */
export const INVENTORY_CHANGES_TABLE = 'inventory_changes';

/**
 * A change found between a stored row and the fetched one, before it gets an id and a time.
 * @internal
 */
export type DetectedChange = Omit<
  InventoryChange,
  'id' | 'at' | 'objectId' | 'vcenterId'
> & { moref: string };

/**
 * What the change feed compares of an object: its moref, name and watched fields (see {@link watchedColumnsOf}).
 * @internal
 */
export type ComparedRow = { moref: string; name: string } & Record<
  string,
  unknown
>;

/** How a watched field is compared: any difference, or only a crossing of usage thresholds. */
interface WatchedField {
  field: string;
  /** Values that differ only inside the same band are no change (e.g. 81 % → 84 %). */
  band?: (value: unknown) => number;
}

/** Usage bands of datastores: below 80 %, 80–90 %, 90 % and above. */
const usageBand = (value: unknown) => {
  const used = typeof value === 'number' ? value : undefined;
  if (used === undefined) return -1;
  if (used >= 90) return 2;
  return used >= 80 ? 1 : 0;
};

/**
 * The fields the change feed watches, per kind: the one place that says what counts as a change. Objects added
 * and removed are recorded for every kind listed.
 * @internal
 */
export const INVENTORY_CHANGE_RULES: Record<
  InventoryChangeKind,
  WatchedField[]
> = {
  vms: [
    { field: 'powerState' },
    { field: 'host' },
    { field: 'cluster' },
    { field: 'toolsStatus' },
    { field: 'numCpu' },
    { field: 'memoryMb' },
    { field: 'diskCount' },
    { field: 'diskCapacityBytes' },
  ],
  hosts: [
    { field: 'inMaintenanceMode' },
    { field: 'connectionState' },
    { field: 'cluster' },
  ],
  clusters: [{ field: 'haEnabled' }, { field: 'drsEnabled' }],
  datastores: [
    { field: 'usedPercent', band: usageBand },
    { field: 'maintenanceMode' },
    { field: 'accessible' },
  ],
  'datastore-clusters': [{ field: 'usedPercent', band: usageBand }],
  networks: [],
  snapshots: [],
  'vm-disks': [{ field: 'capacityBytes' }, { field: 'datastore' }],
};

/**
 * The columns of a kind's table that hold its watched fields: all that {@link detectChanges} reads of a row
 * besides its moref and name.
 * @internal
 */
export function watchedColumnsOf(kind: InventoryChangeKind): InventoryColumn[] {
  const watched = new Set(INVENTORY_CHANGE_RULES[kind].map(r => r.field));
  return INVENTORY_TABLES[kind].columns.filter(c => watched.has(c.field));
}

/** Whether the change feed records changes of this kind. @internal */
export function isChangeKind(kind: InventoryKind): kind is InventoryChangeKind {
  return (INVENTORY_CHANGE_KINDS as string[]).includes(kind);
}

function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Compares fetched rows with the stored rows of the same morefs (one page at a time) and returns what was added
 * or changed. Removed objects are the stored ones no page mentioned; see {@link removedChange}.
 * @internal
 */
export function detectChanges(
  kind: InventoryChangeKind,
  fetched: ComparedRow[],
  storedByMoref: Map<string, ComparedRow>,
): DetectedChange[] {
  const changes: DetectedChange[] = [];
  for (const row of fetched) {
    const stored = storedByMoref.get(row.moref);
    if (!stored) {
      changes.push({
        kind,
        moref: row.moref,
        objectName: row.name,
        change: 'added',
        field: 'object',
      });
      continue;
    }
    for (const { field, band } of INVENTORY_CHANGE_RULES[kind]) {
      const before = stored[field];
      const after = row[field];
      const differs = band
        ? band(before) !== band(after)
        : asText(before) !== asText(after);
      if (differs) {
        changes.push({
          kind,
          moref: row.moref,
          objectName: row.name,
          change: 'changed',
          field,
          before: asText(before),
          after: asText(after),
        });
      }
    }
  }
  return changes;
}

/** The change of an object that the latest sync no longer found. @internal */
export function removedChange(
  kind: InventoryChangeKind,
  stored: { moref: string; name: string },
): DetectedChange {
  return {
    kind,
    moref: stored.moref,
    objectName: stored.name,
    change: 'removed',
    field: 'object',
  };
}
