import { mockApis } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vcfApiRef } from '../../api';
import {
  allow,
  environment,
  mockVcfApi,
  renderVcfPage,
  syncStatus,
  vcenter,
} from '../../__testUtils__';

const permissions = mockApis.permission({ authorize: allow });

function setup() {
  const api = mockVcfApi();
  api.listEnvironments.mockResolvedValue([environment()]);
  api.listVcenters.mockResolvedValue([
    vcenter(),
    vcenter({
      id: 'vc02',
      title: 'vCenter 02',
      managedBy: 'config',
      sync: syncStatus({
        targetId: 'vcenter:vc02',
        status: 'failed',
        lastError: 'connect ECONNREFUSED 10.0.0.2:443',
      }),
    }),
  ]);
  return api;
}

async function row(name: string) {
  const cell = await screen.findByText(name);
  return cell.closest('tr')!;
}

describe('VcentersPage', () => {
  it('lists the vCenters with their status and last error', async () => {
    const api = setup();
    renderVcfPage('/vcf/vcenters', [[vcfApiRef, api], permissions]);

    const vc02 = await row('vCenter 02');
    expect(within(vc02).getByText('error')).toBeInTheDocument();
    expect(
      within(vc02).getByText('connect ECONNREFUSED 10.0.0.2:443'),
    ).toBeInTheDocument();
    expect(
      within(await row('vCenter 01')).getByText('connected'),
    ).toBeInTheDocument();
  });

  it('adds a vCenter', async () => {
    const api = setup();
    api.createVcenter.mockResolvedValue(vcenter({ id: 'vc03', title: 'vc03' }));
    renderVcfPage('/vcf/vcenters', [[vcfApiRef, api], permissions]);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Add vCenter' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Add a vCenter' });
    await userEvent.type(within(dialog).getByLabelText(/^Id/), 'vc03');
    await userEvent.type(
      within(dialog).getByLabelText(/^vCenter URL/),
      'https://vc03.example.com',
    );
    await userEvent.type(
      within(dialog).getByLabelText(/^vCenter username/),
      'ro@vsphere.local',
    );
    await userEvent.type(
      within(dialog).getByLabelText(/^vCenter password/),
      'pw',
    );
    await userEvent.selectOptions(
      within(dialog).getByLabelText('Environment'),
      await within(dialog).findByRole('option', { name: 'Lab' }),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add' }));

    await waitFor(() =>
      expect(api.createVcenter).toHaveBeenCalledWith({
        id: 'vc03',
        title: 'vc03',
        baseUrl: 'https://vc03.example.com',
        username: 'ro@vsphere.local',
        password: 'pw',
        environmentId: 'lab',
        owner: undefined,
        enabled: true,
        tls: { verify: true, ca: undefined },
        intervalMinutes: undefined,
      }),
    );
  });

  it('disables a vCenter with the switch', async () => {
    const api = setup();
    api.updateVcenter.mockResolvedValue(vcenter({ enabled: false }));
    renderVcfPage('/vcf/vcenters', [[vcfApiRef, api], permissions]);

    await userEvent.click(
      await screen.findByRole('checkbox', { name: 'Sync vCenter 01' }),
    );

    await waitFor(() =>
      expect(api.updateVcenter).toHaveBeenCalledWith(
        'vc01',
        expect.objectContaining({ id: 'vc01', enabled: false }),
      ),
    );
    expect(api.updateVcenter.mock.calls[0][1]).not.toHaveProperty('password');
  });

  it('keeps config-managed vCenters read-only', async () => {
    const api = setup();
    renderVcfPage('/vcf/vcenters', [[vcfApiRef, api], permissions]);

    const vc02 = await row('vCenter 02');
    expect(
      await within(vc02).findByRole('button', { name: 'Edit vCenter 02' }),
    ).toBeDisabled();
    expect(
      within(vc02).getByRole('button', { name: 'Remove vCenter 02' }),
    ).toBeDisabled();
    expect(
      within(vc02).getByRole('checkbox', { name: 'Sync vCenter 02' }),
    ).toBeDisabled();
  });

  it('purges the inventory of a vCenter after confirmation', async () => {
    const api = setup();
    renderVcfPage('/vcf/vcenters', [[vcfApiRef, api], permissions]);

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Purge inventory of vCenter 01',
      }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Purge the inventory of vCenter 01?',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Purge' }),
    );

    await waitFor(() => expect(api.purgeVcenter).toHaveBeenCalledWith('vc01'));
    expect(api.deleteVcenter).not.toHaveBeenCalled();
  });

  it('removes a vCenter after confirmation', async () => {
    const api = setup();
    renderVcfPage('/vcf/vcenters', [[vcfApiRef, api], permissions]);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Remove vCenter 01' }),
    );
    await userEvent.click(
      within(
        screen.getByRole('dialog', { name: 'Remove vCenter 01?' }),
      ).getByRole('button', { name: 'Remove' }),
    );

    await waitFor(() => expect(api.deleteVcenter).toHaveBeenCalledWith('vc01'));
  });

  it('syncs a vCenter now and tests its connection', async () => {
    const api = setup();
    api.testVcenterConnection.mockResolvedValue({
      ok: true,
      results: [
        {
          source: 'vcenter',
          ok: true,
          message: 'vSphere 8.0.3',
          durationMs: 80,
        },
      ],
    });
    renderVcfPage('/vcf/vcenters', [[vcfApiRef, api], permissions]);

    const vc01 = await row('vCenter 01');
    await userEvent.click(
      await within(vc01).findByRole('button', { name: 'Sync now' }),
    );
    await waitFor(() => expect(api.syncVcenter).toHaveBeenCalledWith('vc01'));

    await userEvent.click(
      within(vc01).getByRole('button', {
        name: 'Test connection to vCenter 01',
      }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Connection to vCenter 01',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Test connection' }),
    );
    expect(
      await within(dialog).findByText('vCenter: connected'),
    ).toBeInTheDocument();
  });
});
