import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { syncStatus } from '../../__testUtils__';
import { rootRouteRef } from '../../routes';
import { VcenterStatusPanel } from './VcenterStatusPanel';

const recently = new Date(Date.now() - 5 * 60_000).toISOString();

describe('VcenterStatusPanel', () => {
  it('says how to add a vCenter when there is none', async () => {
    await renderInTestApp(<VcenterStatusPanel vcenters={[]} />);
    expect(screen.getByText(/No vCenter is configured/)).toBeInTheDocument();
    expect(
      screen.queryByRole('list', { name: 'vCenter status' }),
    ).not.toBeInTheDocument();
  });

  it('shows each vCenter’s state, and the last error of a failed one', async () => {
    await renderInTestApp(
      <VcenterStatusPanel
        vcenters={[
          {
            id: 'vc01',
            title: 'vCenter 01',
            enabled: true,
            sync: syncStatus({ lastFinishedAt: recently }),
          },
          {
            id: 'vc02',
            title: '',
            enabled: true,
            sync: syncStatus({
              status: 'failed',
              lastError: 'connect ECONNREFUSED 10.0.0.2:443',
            }),
          },
          {
            id: 'vc03',
            title: 'vCenter 03',
            enabled: false,
            sync: syncStatus(),
          },
          {
            id: 'vc04',
            title: 'vCenter 04',
            enabled: true,
            sync: syncStatus({ status: 'running' }),
          },
          {
            id: 'vc05',
            title: 'vCenter 05',
            enabled: true,
            sync: syncStatus({ status: 'never', lastFinishedAt: undefined }),
          },
        ]}
      />,
    );
    const items = within(
      screen.getByRole('list', { name: 'vCenter status' }),
    ).getAllByRole('listitem');
    expect(items.map(item => item.textContent)).toEqual([
      expect.stringMatching(/^vCenter 01 — connectedlast sync 5 minutes ago$/),
      expect.stringMatching(
        /^vc02 — errorconnect ECONNREFUSED 10\.0\.0\.2:443 \(last good sync .+\)$/,
      ),
      expect.stringMatching(/^vCenter 03 — disabled/),
      expect.stringMatching(/^vCenter 04 — syncing/),
      expect.stringMatching(/^vCenter 05 — not synced yet/),
    ]);
  });

  it('links to the vCenters page when the VCF page is mounted', async () => {
    await renderInTestApp(<VcenterStatusPanel vcenters={[]} />, {
      mountedRoutes: { '/vcf': rootRouteRef },
    });
    expect(
      screen.getByRole('link', { name: /Manage vCenters/ }),
    ).toHaveAttribute('href', '/vcf/vcenters');
  });
});
