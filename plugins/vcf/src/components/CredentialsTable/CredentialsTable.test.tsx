import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vcfApiRef } from '../../api';
import {
  allow,
  allowOnly,
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

  it('rotates the ticked credentials in one task after saying how many', async () => {
    const api = setup();
    api.rotateCredentials.mockResolvedValue({ taskId: 'task-9' });
    await renderInTestApp(<CredentialsTable environmentId="lab" />, {
      apis: [[vcfApiRef, api], mockApis.permission({ authorize: allow })],
    });
    await screen.findByText('vcenter01.lab.example.com');

    const rows = await screen.findAllByRole('checkbox', { name: 'Select row' });
    await userEvent.click(rows[0]);
    await userEvent.click(rows[1]);
    await userEvent.click(
      screen.getByRole('button', { name: 'Rotate selected (2)' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Rotate 2 credentials' });
    expect(dialog).toHaveTextContent(
      'SDDC Manager will set new random passwords for 2 credentials in one task.',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Rotate' }),
    );

    await waitFor(() =>
      expect(api.rotateCredentials).toHaveBeenCalledWith('lab', [
        'cred-1',
        'cred-2',
      ]),
    );
  });

  it('rotates every SDDC Manager credential that matches the search and filters', async () => {
    const api = setup();
    api.rotateCredentials.mockResolvedValue({ taskId: 'task-10' });
    await renderInTestApp(<CredentialsTable environmentId="lab" />, {
      apis: [[vcfApiRef, api], mockApis.permission({ authorize: allow })],
    });
    await screen.findByText('vcenter01.lab.example.com');
    await userEvent.selectOptions(
      screen.getByLabelText('Resource type'),
      'VCENTER',
    );
    await waitFor(() =>
      expect(api.listCredentials).toHaveBeenLastCalledWith(
        'lab',
        expect.objectContaining({ resourceType: 'VCENTER' }),
      ),
    );
    api.listCredentials.mockResolvedValue(
      page(
        [
          credential({ id: 'vc-1', resourceType: 'VCENTER' }),
          credential({ id: 'vc-2', resourceType: 'VCENTER' }),
          credential({
            id: 'vc-3',
            resourceType: 'VCENTER',
            removedAt: '2026-01-01T00:00:00Z',
          }),
        ],
        3,
      ),
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Rotate all matching…' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Rotate 2 credentials',
    });
    expect(api.listCredentials).toHaveBeenLastCalledWith('lab', {
      resourceType: 'VCENTER',
      source: 'sddc-manager',
      includeRemoved: undefined,
      offset: 0,
      limit: 100,
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Rotate' }),
    );
    await waitFor(() =>
      expect(api.rotateCredentials).toHaveBeenCalledWith('lab', [
        'vc-1',
        'vc-2',
      ]),
    );
  });

  it('refuses a bulk rotation larger than one SDDC Manager task takes before asking the backend', async () => {
    const api = setup();
    await renderInTestApp(<CredentialsTable environmentId="lab" />, {
      apis: [[vcfApiRef, api], mockApis.permission({ authorize: allow })],
    });
    await screen.findByText('vcenter01.lab.example.com');
    api.listCredentials.mockImplementation(async (_env, query) =>
      page(
        Array.from({ length: 100 }, (_, i) =>
          credential({ id: `c-${(query?.offset ?? 0) + i}` }),
        ),
        250,
      ),
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Rotate all matching…' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent(
      'More than 100 SDDC Manager credentials match; one rotation takes at most 100.',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Rotate' }),
    );
    expect(
      await within(dialog).findByText(/narrow the search or filters/),
    ).toBeInTheDocument();
    expect(api.rotateCredentials).not.toHaveBeenCalled();
  });

  it('offers no selection or bulk rotation to a user who may not rotate', async () => {
    const api = setup();
    await renderInTestApp(<CredentialsTable environmentId="lab" />, {
      apis: [
        [vcfApiRef, api],
        mockApis.permission({
          authorize: allowOnly('vcf.credential.read', 'vcf.credential.reveal'),
        }),
      ],
    });
    await screen.findByRole('button', {
      name: 'Reveal password for root@esx01.lab.example.com',
    });

    expect(screen.queryByRole('checkbox', { name: 'Select row' })).toBeNull();
    expect(
      screen.queryByRole('button', { name: 'Rotate all matching…' }),
    ).toBeNull();
    expect(
      screen.queryByRole('button', { name: /^Password actions/ }),
    ).toBeNull();
  });

  it('counts down to the rotation a reveal scheduled', async () => {
    const api = setup();
    api.listScheduledRotations.mockResolvedValue([
      {
        credentialId: 'cred-2',
        rotatesAt: new Date(Date.now() + 56.5 * 60_000).toISOString(),
      },
    ]);
    await renderInTestApp(<CredentialsTable environmentId="lab" />, {
      apis: [[vcfApiRef, api], mockApis.permission({ authorize: allow })],
    });

    expect(
      await screen.findByTestId('vcf-rotates-at-cred-2'),
    ).toHaveTextContent('rotates in 57 min');
    expect(screen.queryByTestId('vcf-rotates-at-cred-1')).toBeNull();
    expect(api.listScheduledRotations).toHaveBeenCalledWith('lab');
  });
});
