import { mockApis } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { vcfApiRef } from '../../api';
import {
  alarm,
  allow,
  environment,
  inventorySummary,
  mockVcfApi,
  page,
  renderVcfPage,
  syncStatus,
  vcenter,
} from '../../__testUtils__';

function setup() {
  const api = mockVcfApi();
  api.getInventorySummary.mockResolvedValue(
    inventorySummary({
      vcenters: [
        { id: 'vc01', title: 'vCenter 01', enabled: true, sync: syncStatus() },
        {
          id: 'vc02',
          title: 'vCenter 02',
          enabled: true,
          sync: syncStatus({
            status: 'failed',
            lastError:
              'Cannot complete login due to an incorrect user name or password.',
          }),
        },
        { id: 'vc03', title: 'vCenter 03', enabled: false, sync: syncStatus() },
      ],
    }),
  );
  api.listVcenters.mockResolvedValue([vcenter()]);
  api.listInventory.mockImplementation(async kind =>
    kind === 'alarms' ? page([alarm()]) : page([]),
  );
  return api;
}

describe('HomePage', () => {
  it('shows each environment with its sync state, counts and last sync error', async () => {
    const api = setup();
    api.listEnvironments.mockResolvedValue([
      environment(),
      environment({
        id: 'prod',
        title: 'Production',
        sync: {
          'sddc-manager': syncStatus({
            targetId: 'env:prod:sddc-manager',
            status: 'failed',
            lastError:
              'SDDC Manager rejected the service account svc-backstage@vsphere.local (401)',
          }),
        },
        credentialCounts: {
          total: 120,
          removed: 0,
          expiringSoon: 7,
          expired: 2,
        },
      }),
    ]);

    renderVcfPage('/vcf', [
      [vcfApiRef, api],
      mockApis.permission({ authorize: allow }),
    ]);

    const prod = await screen.findByRole('region', { name: 'Production' });
    expect(within(prod).getByRole('alert')).toHaveTextContent(
      'SDDC Manager rejected the service account svc-backstage@vsphere.local (401)',
    );
    expect(within(prod).getByText('120')).toBeInTheDocument();
    expect(within(prod).getByText('7')).toBeInTheDocument();
    expect(
      await within(prod).findByRole('button', { name: 'Sync now' }),
    ).toBeInTheDocument();
    const lab = screen.getByRole('region', { name: 'Lab' });
    expect(within(lab).getByText(/SDDC Manager: synced/)).toBeInTheDocument();
    expect(within(lab).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows vCenter status, inventory counts, alarms and recent activity', async () => {
    const api = setup();
    api.listEnvironments.mockResolvedValue([environment()]);

    renderVcfPage('/vcf', [
      [vcfApiRef, api],
      mockApis.permission({ authorize: allow }),
    ]);

    const vcenters = await screen.findByRole('list', {
      name: 'vCenter status',
    });
    const items = within(vcenters).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('vCenter 01 — connected');
    expect(items[1]).toHaveTextContent('vCenter 02 — error');
    expect(items[1]).toHaveTextContent(
      'Cannot complete login due to an incorrect user name or password.',
    );
    expect(items[2]).toHaveTextContent('vCenter 03 — disabled');
    expect(screen.getByRole('link', { name: 'VMs' })).toHaveAttribute(
      'href',
      '/vcf/inventory/vms',
    );
    expect(
      screen.getByRole('link', { name: 'Critical alarms' }),
    ).toHaveAttribute('href', '/vcf/inventory/alarms?severity=red');
    expect(
      await screen.findByText('Host connection and power state'),
    ).toBeInTheDocument();
    expect(api.listInventory).toHaveBeenCalledWith('tasks', {
      limit: 10,
      orderBy: 'startedAt',
      order: 'desc',
    });
  });

  it('explains how to add an environment when none is configured', async () => {
    const api = setup();
    api.listEnvironments.mockResolvedValue([]);

    renderVcfPage('/vcf', [
      [vcfApiRef, api],
      mockApis.permission({ authorize: allow }),
    ]);

    expect(
      await screen.findByText('No VCF environment yet'),
    ).toBeInTheDocument();
    expect(screen.getAllByText('vcf.environments').length).toBeGreaterThan(0);
    expect(
      await screen.findByRole('button', { name: 'Add environment' }),
    ).toBeInTheDocument();
  });

  it('says what went wrong when the environments cannot be loaded', async () => {
    const api = setup();
    api.listEnvironments.mockRejectedValue(
      new Error('vcf backend unavailable'),
    );

    renderVcfPage('/vcf', [
      [vcfApiRef, api],
      mockApis.permission({ authorize: allow }),
    ]);

    expect(
      (await screen.findAllByText(/vcf backend unavailable/)).length,
    ).toBeGreaterThan(0);
  });
});
