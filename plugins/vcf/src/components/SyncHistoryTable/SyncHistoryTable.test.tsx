import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import type { SyncRun } from '@vcf-backstage/plugin-vcf-common';
import { vcfApiRef } from '../../api';
import { environment, mockVcfApi, page, syncStatus } from '../../__testUtils__';
import { SyncHistoryTable } from './SyncHistoryTable';

const lab = environment({
  installer: environment().sddcManager,
  sync: {
    'sddc-manager': syncStatus(),
    installer: syncStatus({ targetId: 'env:lab:installer' }),
  },
});

const runs: SyncRun[] = [
  {
    id: 2,
    targetId: 'env:lab:installer',
    trigger: 'manual',
    triggeredBy: 'user:default/alice',
    startedAt: '2026-01-01T11:00:00Z',
    finishedAt: '2026-01-01T11:00:03Z',
    status: 'failed',
    durationMs: 3000,
    error: 'VCF Installer did not answer within 30 s',
  },
  {
    id: 1,
    targetId: 'env:lab:sddc-manager',
    trigger: 'schedule',
    startedAt: '2026-01-01T10:00:00Z',
    finishedAt: '2026-01-01T10:00:05Z',
    status: 'succeeded',
    durationMs: 5000,
    counts: { total: 42, pages: 3, passwordsChanged: 1, removed: 1 },
  },
  {
    id: 0,
    targetId: 'env:old:sddc-manager',
    trigger: 'startup',
    startedAt: '2026-01-01T09:00:00Z',
    status: 'running',
  },
];

async function rowOf(text: string) {
  return (await screen.findByText(text)).closest('tr')!;
}

describe('SyncHistoryTable', () => {
  it('lists the environment’s runs, naming each source', async () => {
    const api = mockVcfApi();
    api.listSyncRuns.mockResolvedValue(page(runs, 13));
    await renderInTestApp(<SyncHistoryTable environment={lab} />, {
      apis: [[vcfApiRef, api]],
    });

    const failed = await rowOf('VCF Installer did not answer within 30 s');
    expect(api.listSyncRuns).toHaveBeenCalledWith('lab', {
      offset: 0,
      limit: 10,
    });
    expect(within(failed).getByText('VCF Installer')).toBeInTheDocument();
    expect(within(failed).getByText('manual')).toBeInTheDocument();
    expect(within(failed).getByText('user:default/alice')).toBeInTheDocument();
    expect(within(failed).getByText('sync failed')).toBeInTheDocument();
    expect(within(failed).getByText('3 s')).toBeInTheDocument();

    const succeeded = await rowOf(
      '42 credentials in 3 pages, 1 password changed, 1 removed upstream',
    );
    expect(within(succeeded).getByText('SDDC Manager')).toBeInTheDocument();
    expect(within(succeeded).getByText('synced')).toBeInTheDocument();

    // A run of a target the environment no longer has shows its id.
    const unknown = await rowOf('env:old:sddc-manager');
    expect(within(unknown).getByText('syncing')).toBeInTheDocument();
    // Neither a duration nor counts yet.
    expect(within(unknown).getAllByText('–', { selector: 'td' })).toHaveLength(
      2,
    );
  });

  it('says when no sync has run yet', async () => {
    const api = mockVcfApi();
    await renderInTestApp(<SyncHistoryTable environment={lab} />, {
      apis: [[vcfApiRef, api]],
    });
    expect(
      await screen.findByText(
        'No sync has run yet. Use Sync now, or wait for the schedule.',
      ),
    ).toBeInTheDocument();
  });
});
