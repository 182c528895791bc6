import { describeSyncProgress, describeSyncResult } from './syncProgressText';

describe('sync progress text', () => {
  const at = '2026-01-01T00:00:00Z';

  it('describes each phase of a run', () => {
    expect(describeSyncProgress({ phase: 'queued', updatedAt: at })).toBe(
      'queued',
    );
    expect(describeSyncProgress({ phase: 'logging-in', updatedAt: at })).toBe(
      'logging in',
    );
    expect(
      describeSyncProgress({
        phase: 'fetching',
        page: 3,
        pageCount: 21,
        items: 1500,
        updatedAt: at,
      }),
    ).toBe('page 3 of 21 · 1,500 items');
    expect(
      describeSyncProgress({
        phase: 'fetching',
        step: 'hosts',
        page: 4,
        items: 120,
        updatedAt: at,
      }),
    ).toBe('reading hosts · page 4 · 120 items');
    expect(
      describeSyncProgress({ phase: 'writing', items: 258, updatedAt: at }),
    ).toBe('writing 258 items');
  });

  it('describes the result of a credential sync and of a vCenter sync', () => {
    expect(
      describeSyncResult({
        total: 258,
        added: 0,
        updated: 2,
        passwordsChanged: 2,
        removed: 1,
      }),
    ).toBe('258 credentials, 2 passwords changed, 1 removed upstream');
    expect(
      describeSyncResult({ total: 1204, vms: 1100, hosts: 24, alarms: 80 }),
    ).toBe('1,204 objects: 1,100 VMs, 24 hosts');
    expect(describeSyncResult(undefined)).toBeUndefined();
  });

  it('says how many pages a credential sync read and how many round trips a vCenter sync took', () => {
    expect(
      describeSyncResult({
        total: 258,
        added: 0,
        updated: 2,
        passwordsChanged: 2,
        removed: 0,
        pages: 6,
      }),
    ).toBe('258 credentials in 6 pages, 2 passwords changed');
    expect(
      describeSyncResult({ total: 12, passwordsChanged: 0, pages: 1 }),
    ).toBe('12 credentials in 1 page, 0 passwords changed');
    // A run that read nothing (an Installer without deployment specs) names no pages.
    expect(
      describeSyncResult({ total: 0, passwordsChanged: 0, pages: 0 }),
    ).toBe('0 credentials, 0 passwords changed');
    expect(
      describeSyncResult({ total: 1204, vms: 1100, hosts: 24, roundTrips: 23 }),
    ).toBe('1,204 objects in 23 round trips: 1,100 VMs, 24 hosts');
  });
});
