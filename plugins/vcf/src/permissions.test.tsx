// Everything here runs without any permission. usePermission caches decisions for the
// whole test file, so the denied cases live together in this file.
import { mockApis } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import {
  vcfAuditReadPermission,
  vcfSyncTriggerPermission,
} from '@vcf-backstage/plugin-vcf-common';
import { vcfApiRef } from './api';
import {
  credential,
  deny,
  environment,
  mockVcfApi,
  page,
  renderVcfPage,
  vcenter,
} from './__testUtils__';

function setup() {
  const api = mockVcfApi();
  api.listEnvironments.mockResolvedValue([environment()]);
  api.getEnvironment.mockResolvedValue(environment());
  api.listCredentials.mockResolvedValue(page([credential()]));
  api.listVcenters.mockResolvedValue([vcenter()]);
  const authorize = jest.fn(deny);
  return {
    api,
    apis: [[vcfApiRef, api], mockApis.permission({ authorize })] as const,
    authorize,
  };
}

describe('without permissions', () => {
  it('hides Sync now, Add environment and the Audit tab', async () => {
    const { apis, authorize } = setup();
    renderVcfPage('/vcf', apis);

    const lab = await screen.findByRole('region', { name: 'Lab' });
    await waitFor(() =>
      expect(authorize).toHaveBeenCalledWith(
        expect.objectContaining({
          permission: vcfSyncTriggerPermission,
          resourceRef: 'lab',
        }),
      ),
    );
    expect(authorize).toHaveBeenCalledWith(
      expect.objectContaining({ permission: vcfAuditReadPermission }),
    );
    expect(
      within(lab).queryByRole('button', { name: 'Sync now' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Add environment' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('tab', { name: 'Audit' }),
    ).not.toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'vCenters' })).toBeInTheDocument();
  });

  it('does not show the audit trail', async () => {
    const { api, apis } = setup();
    renderVcfPage('/vcf/audit', apis);

    expect(
      await screen.findByText('The audit trail is restricted'),
    ).toBeInTheDocument();
    expect(api.listAuditEntries).not.toHaveBeenCalled();
  });

  it('does not show Reveal, but still lists and exports credentials', async () => {
    const { apis } = setup();
    renderVcfPage('/vcf/environments/lab/credentials', apis);

    expect(
      await screen.findByText('esx01.lab.example.com'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Reveal password/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('button', {
        name: 'Password history for root@esx01.lab.example.com',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Export CSV' }),
    ).toBeInTheDocument();
  });

  it('shows the settings of an API-managed environment read-only', async () => {
    const { apis } = setup();
    renderVcfPage('/vcf/environments/lab/settings', apis);

    expect(await screen.findByText('Definition')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Save' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Delete environment' }),
    ).not.toBeInTheDocument();
  });

  it('lists vCenters without management actions', async () => {
    const { apis } = setup();
    renderVcfPage('/vcf/vcenters', apis);

    expect(await screen.findByText('vCenter 01')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Add vCenter' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Remove vCenter 01' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('checkbox', { name: 'Sync vCenter 01' }),
    ).not.toBeInTheDocument();
  });
});
