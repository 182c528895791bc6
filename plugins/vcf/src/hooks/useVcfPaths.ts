import { useRouteRef } from '@backstage/core-plugin-api';
import { useMemo } from 'react';
import { rootRouteRef } from '../routes';

/** The inventory views under `/vcf/inventory/…`. */
export type InventoryViewId =
  | 'vms'
  | 'hosts'
  | 'clusters'
  | 'storage'
  | 'networks'
  | 'snapshots'
  | 'alarms'
  | 'events'
  | 'top';

/** Links to the views of the VCF page. */
export interface VcfPaths {
  home: string;
  environment(
    id: string,
    tab?: 'credentials' | 'sync-history' | 'settings',
  ): string;
  inventory(view?: InventoryViewId): string;
  /** The detail page of a VM or host, by row id (`vcenterId:moref`). */
  inventoryObject(kind: 'vms' | 'hosts', id: string): string;
  /** The change feed. */
  changes: string;
  vcenters: string;
  audit: string;
}

function buildPaths(root: string): VcfPaths {
  const base = root.replace(/\/+$/, '');
  return {
    home: base || '/',
    environment: (id, tab) =>
      `${base}/environments/${encodeURIComponent(id)}${tab ? `/${tab}` : ''}`,
    inventory: view => `${base}/inventory${view ? `/${view}` : ''}`,
    inventoryObject: (kind, id) =>
      `${base}/inventory/${kind}/${encodeURIComponent(id)}`,
    changes: `${base}/changes`,
    vcenters: `${base}/vcenters`,
    audit: `${base}/audit`,
  };
}

/** Links to the views of the VCF page; the page must be mounted. */
export function useVcfPaths(): VcfPaths {
  const root = useRouteRef(rootRouteRef)();
  return useMemo(() => buildPaths(root), [root]);
}

/**
 * Like {@link useVcfPaths}, for cards that also render in apps where the VCF page is not
 * installed: then there is nothing to link to and the result is undefined.
 */
export function useOptionalVcfPaths(): VcfPaths | undefined {
  let root: string | undefined;
  try {
    // useRouteRef runs all of its hooks before it throws for an unbound route, so
    // catching here keeps the hook order stable.
    // eslint-disable-next-line react-hooks/rules-of-hooks
    root = useRouteRef(rootRouteRef)();
  } catch {
    root = undefined;
  }
  return useMemo(
    () => (root === undefined ? undefined : buildPaths(root)),
    [root],
  );
}
