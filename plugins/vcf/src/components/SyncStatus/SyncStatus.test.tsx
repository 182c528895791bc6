import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { syncStatus } from '../../__testUtils__';
import { SyncTargetSummary } from './SyncStatus';

describe('SyncTargetSummary', () => {
  it('shows the error of a failed sync prominently', () => {
    renderInTestApp(
      <SyncTargetSummary
        label="SDDC Manager"
        sync={syncStatus({
          status: 'failed',
          lastError: 'SDDC Manager rejected the service account (401)',
        })}
      />,
    );

    expect(screen.getByText('SDDC Manager: sync failed')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'SDDC Manager rejected the service account (401)',
    );
    expect(screen.getByText(/last good sync/)).toBeInTheDocument();
  });

  it('shows what the last good sync brought', () => {
    renderInTestApp(
      <SyncTargetSummary label="SDDC Manager" sync={syncStatus()} />,
    );

    expect(screen.getByText('SDDC Manager: synced')).toBeInTheDocument();
    expect(screen.getByText(/42 items · took 5 s/)).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says how many credentials the last sync read, in how many pages, and what changed', () => {
    renderInTestApp(
      <SyncTargetSummary
        label="SDDC Manager"
        sync={syncStatus({
          lastCounts: { total: 258, passwordsChanged: 2, removed: 0, pages: 6 },
        })}
      />,
    );

    expect(
      screen.getByText(/258 credentials in 6 pages, 2 passwords changed/),
    ).toBeInTheDocument();
  });

  it('says when a source has never been synced', () => {
    renderInTestApp(
      <SyncTargetSummary label="VCF Installer" sync={undefined} />,
    );

    expect(screen.getByText('VCF Installer: never synced')).toBeInTheDocument();
  });
});
