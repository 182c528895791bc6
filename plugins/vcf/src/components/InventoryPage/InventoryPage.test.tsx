import { mockApis } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vcfApiRef } from '../../api';
import {
  alarm,
  allow,
  host,
  mockVcfApi,
  page,
  renderVcfPage,
  vcenter,
  vm,
} from '../../__testUtils__';

function setup() {
  const api = mockVcfApi();
  api.listVcenters.mockResolvedValue([vcenter()]);
  api.listInventory.mockImplementation(async kind => {
    switch (kind) {
      case 'vms':
        return page([vm()]);
      case 'hosts':
        return page([host()]);
      case 'alarms':
        return page([alarm()]);
      default:
        return page([]);
    }
  });
  return api;
}

const permissions = mockApis.permission({ authorize: allow });

describe('InventoryPage', () => {
  it('opens on the VMs and switches views with the tabs', async () => {
    const api = setup();
    renderVcfPage('/vcf/inventory', [[vcfApiRef, api], permissions]);

    expect(await screen.findByText('web-01')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Inventory' })).toHaveAttribute(
      'aria-selected',
      'true',
    );

    await userEvent.click(screen.getByRole('tab', { name: 'Hosts' }));

    expect(await screen.findByText('ESXi hosts')).toBeInTheDocument();
    await waitFor(() =>
      expect(api.listInventory).toHaveBeenLastCalledWith('hosts', {
        offset: 0,
        limit: 25,
      }),
    );
  });

  it('applies the severity from the link of the home page', async () => {
    const api = setup();
    renderVcfPage('/vcf/inventory/alarms?severity=red', [
      [vcfApiRef, api],
      permissions,
    ]);

    expect(
      await screen.findByText('Host connection and power state'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Severity')).toHaveValue('red');
    expect(api.listInventory).toHaveBeenCalledWith('alarms', {
      offset: 0,
      limit: 25,
      severity: 'red',
    });
  });

  it('shows the tasks and the events together', async () => {
    const api = setup();
    renderVcfPage('/vcf/inventory/events', [[vcfApiRef, api], permissions]);

    expect(await screen.findByText('Recent tasks')).toBeInTheDocument();
    expect(screen.getByText('Recent events')).toBeInTheDocument();
    await waitFor(() => {
      expect(api.listInventory).toHaveBeenCalledWith(
        'tasks',
        expect.anything(),
      );
      expect(api.listInventory).toHaveBeenCalledWith(
        'events',
        expect.anything(),
      );
    });
  });

  it('says so for an unknown view', async () => {
    const api = setup();
    renderVcfPage('/vcf/inventory/nope', [[vcfApiRef, api], permissions]);

    expect(
      await screen.findByText('No such inventory view'),
    ).toBeInTheDocument();
  });
});
