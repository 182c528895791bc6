import type { SyncProgress } from '@vcf-backstage/plugin-vcf-common';

const number = (n: number) => n.toLocaleString('en-US');

/**
 * What a sync is doing, in words: `queued`, `logging in`, `page 3 of 21 · 1,500 items`,
 * `reading hosts · page 4`, `writing 258 items`.
 */
export function describeSyncProgress(progress: SyncProgress): string {
  switch (progress.phase) {
    case 'queued':
      return 'queued';
    case 'starting':
      return 'starting';
    case 'logging-in':
      return 'logging in';
    case 'writing':
      return progress.items !== undefined
        ? `writing ${number(progress.items)} items`
        : 'writing';
    default: {
      const parts: string[] = [];
      if (progress.step) parts.push(`reading ${progress.step}`);
      if (progress.page !== undefined) {
        parts.push(
          progress.pageCount !== undefined
            ? `page ${progress.page} of ${progress.pageCount}`
            : `page ${progress.page}`,
        );
      }
      if (progress.items !== undefined) {
        parts.push(`${number(progress.items)} items`);
      }
      return parts.length > 0 ? parts.join(' · ') : 'fetching';
    }
  }
}

const INVENTORY_LABELS: Record<string, string> = {
  vms: 'VMs',
  hosts: 'hosts',
  clusters: 'clusters',
  datastores: 'datastores',
};

/** `258 credentials in 6 pages`: what a run read, and in how many requests when the run counted them. */
function readIn(what: string, requests: number | undefined, unit: string) {
  return requests
    ? `${what} in ${number(requests)} ${unit}${requests === 1 ? '' : 's'}`
    : what;
}

/**
 * The result of a finished run from its counts: `258 credentials in 6 pages, 2 passwords changed, 1 removed
 * upstream` for a credential sync, `1,204 objects in 23 round trips: 1,100 VMs, 24 hosts, …` for a vCenter.
 */
export function describeSyncResult(
  counts: Record<string, number> | undefined,
): string | undefined {
  if (!counts) return undefined;
  if ('passwordsChanged' in counts) {
    const parts = [
      readIn(`${number(counts.total ?? 0)} credentials`, counts.pages, 'page'),
    ];
    if (counts.added) parts.push(`${number(counts.added)} new`);
    parts.push(
      `${number(counts.passwordsChanged)} password${
        counts.passwordsChanged === 1 ? '' : 's'
      } changed`,
    );
    if (counts.removed) {
      parts.push(`${number(counts.removed)} removed upstream`);
    }
    return parts.join(', ');
  }
  const kinds = Object.entries(INVENTORY_LABELS)
    .filter(([kind]) => counts[kind] !== undefined)
    .map(([kind, label]) => `${number(counts[kind])} ${label}`);
  const total =
    counts.total !== undefined
      ? readIn(
          `${number(counts.total)} objects`,
          counts.roundTrips,
          'round trip',
        )
      : undefined;
  if (!total) return kinds.join(', ') || undefined;
  return kinds.length > 0 ? `${total}: ${kinds.join(', ')}` : total;
}
