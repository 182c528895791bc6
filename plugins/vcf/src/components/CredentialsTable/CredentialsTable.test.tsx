import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vcfApiRef } from '../../api';
import {
  allow,
  credential,
  mockDownloads,
  mockVcfApi,
  page,
} from '../../__testUtils__';
import { CredentialsTable } from './CredentialsTable';

function setup() {
  const api = mockVcfApi();
  api.listCredentials.mockResolvedValue(
    page(
      [
        credential(),
        credential({
          id: 'cred-2',
          resourceName: 'vcenter01.lab.example.com',
          resourceType: 'VCENTER',
          username: 'administrator@vsphere.local',
        }),
      ],
      2,
    ),
  );
  api.getCredentialFacets.mockResolvedValue({
    resourceType: ['ESXI', 'VCENTER'],
    credentialType: ['SSH', 'SSO'],
    accountType: ['USER', 'SYSTEM'],
    domain: ['mgmt'],
    source: ['sddc-manager', 'installer'],
    expiryStatus: ['ACTIVE', 'EXPIRING'],
  });
  return api;
}

describe('CredentialsTable', () => {
  it('lists credentials with a reveal button per row', async () => {
    const api = setup();
    await renderInTestApp(<CredentialsTable environmentId="lab" />, {
      apis: [[vcfApiRef, api], mockApis.permission({ authorize: allow })],
    });

    expect(
      await screen.findByText('vcenter01.lab.example.com'),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('button', {
        name: 'Reveal password for administrator@vsphere.local@vcenter01.lab.example.com',
      }),
    ).toBeInTheDocument();
    expect(api.listCredentials).toHaveBeenCalledWith('lab', {
      offset: 0,
      limit: 25,
    });
  });

  it('fills the filters from the facets and a filter narrows the request', async () => {
    const api = setup();
    await renderInTestApp(<CredentialsTable environmentId="lab" />, {
      apis: [[vcfApiRef, api], mockApis.permission({ authorize: allow })],
    });
    await screen.findByText('vcenter01.lab.example.com');

    const source = screen.getByLabelText('Source');
    await waitFor(() =>
      expect(
        within(source).getByRole('option', { name: 'VCF Installer' }),
      ).toBeInTheDocument(),
    );
    await userEvent.selectOptions(
      screen.getByLabelText('Resource type'),
      'VCENTER',
    );
    await userEvent.selectOptions(source, 'installer');

    await waitFor(() =>
      expect(api.listCredentials).toHaveBeenLastCalledWith('lab', {
        offset: 0,
        limit: 25,
        resourceType: 'VCENTER',
        source: 'installer',
      }),
    );
  });

  it('includes removed credentials on request', async () => {
    const api = setup();
    await renderInTestApp(<CredentialsTable environmentId="lab" />, {
      apis: [[vcfApiRef, api], mockApis.permission({ authorize: allow })],
    });
    await screen.findByText('vcenter01.lab.example.com');

    await userEvent.click(screen.getByLabelText('Show removed'));

    await waitFor(() =>
      expect(api.listCredentials).toHaveBeenLastCalledWith(
        'lab',
        expect.objectContaining({ includeRemoved: true }),
      ),
    );
  });

  it('exports the filtered credentials as CSV', async () => {
    const api = setup();
    api.exportCredentials.mockResolvedValue({
      blob: new Blob(['csv']),
      filename: 'lab-credentials.csv',
    });
    const downloads = mockDownloads();
    await renderInTestApp(<CredentialsTable environmentId="lab" />, {
      apis: [[vcfApiRef, api], mockApis.permission({ authorize: allow })],
    });
    await screen.findByText('vcenter01.lab.example.com');
    await userEvent.type(screen.getByLabelText('Search'), 'vcenter');
    await waitFor(() =>
      expect(api.listCredentials).toHaveBeenLastCalledWith(
        'lab',
        expect.objectContaining({ q: 'vcenter' }),
      ),
    );

    expect(
      screen.getByText(
        /Exports contain passwords only if your role may export them/,
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

    await waitFor(() =>
      expect(downloads.savedFilenames()).toEqual(['lab-credentials.csv']),
    );
    expect(api.exportCredentials).toHaveBeenCalledWith(
      'lab',
      'csv',
      expect.objectContaining({ q: 'vcenter' }),
    );
  });
});
