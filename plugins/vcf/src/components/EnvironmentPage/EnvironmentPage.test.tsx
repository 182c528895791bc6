import { mockApis } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vcfApiRef } from '../../api';
import {
  allow,
  credential,
  environment,
  inventorySummary,
  mockVcfApi,
  page,
  renderVcfPage,
} from '../../__testUtils__';

function setup() {
  const api = mockVcfApi();
  api.getEnvironment.mockResolvedValue(environment());
  api.getInventorySummary.mockResolvedValue(inventorySummary());
  api.listCredentials.mockResolvedValue(page([credential()]));
  return api;
}

const permissions = mockApis.permission({ authorize: allow });

describe('EnvironmentPage', () => {
  it('shows the overview with the environment definition', async () => {
    const api = setup();
    renderVcfPage('/vcf/environments/lab', [[vcfApiRef, api], permissions]);

    expect(
      await screen.findByRole('heading', { name: 'Lab' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('https://sddc-manager.lab.example.com'),
    ).toBeInTheDocument();
    expect(api.getEnvironment).toHaveBeenCalledWith('lab');
    expect(api.getInventorySummary).toHaveBeenCalledWith({
      environmentId: 'lab',
    });
  });

  it('lists the credentials on the Credentials tab', async () => {
    const api = setup();
    renderVcfPage('/vcf/environments/lab/credentials', [
      [vcfApiRef, api],
      permissions,
    ]);

    expect(
      await screen.findByText('esx01.lab.example.com'),
    ).toBeInTheDocument();
    expect(api.listCredentials).toHaveBeenCalledWith('lab', {
      offset: 0,
      limit: 25,
    });
  });

  it('triggers a sync of the environment', async () => {
    const api = setup();
    renderVcfPage('/vcf/environments/lab', [[vcfApiRef, api], permissions]);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Sync now' }),
    );

    await waitFor(() =>
      expect(api.syncEnvironment).toHaveBeenCalledWith('lab'),
    );
    expect(await screen.findByRole('status')).toBeInTheDocument();
  });

  it('shows config-managed environments read-only', async () => {
    const api = setup();
    api.getEnvironment.mockResolvedValue(environment({ managedBy: 'config' }));
    renderVcfPage('/vcf/environments/lab/settings', [
      [vcfApiRef, api],
      permissions,
    ]);

    expect(
      await screen.findByText(/This environment is defined in app-config.yaml/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Save' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Delete environment' }),
    ).not.toBeInTheDocument();
  });

  it('tests the connection and shows the result per source', async () => {
    const api = setup();
    api.testEnvironmentConnection.mockResolvedValue({
      ok: false,
      results: [
        {
          source: 'sddc-manager',
          ok: true,
          message: 'Token issued',
          durationMs: 120,
        },
        {
          source: 'installer',
          ok: false,
          message: 'certificate has expired',
          durationMs: 40,
        },
      ],
    });
    renderVcfPage('/vcf/environments/lab/settings', [
      [vcfApiRef, api],
      permissions,
    ]);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Test connection' }),
    );

    const results = await screen.findByRole('list', {
      name: 'Connection test results',
    });
    expect(
      within(results).getByText('SDDC Manager: connected'),
    ).toBeInTheDocument();
    expect(
      within(results).getByText('VCF Installer: failed'),
    ).toBeInTheDocument();
    expect(
      within(results).getByText('certificate has expired (40 ms)'),
    ).toBeInTheDocument();
  });

  it('saves changes of an API-managed environment', async () => {
    const api = setup();
    api.updateEnvironment.mockResolvedValue(environment({ title: 'Lab 2' }));
    renderVcfPage('/vcf/environments/lab/settings', [
      [vcfApiRef, api],
      permissions,
    ]);

    const title = await screen.findByLabelText(/^Title/);
    await userEvent.clear(title);
    await userEvent.type(title, 'Lab 2');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() =>
      expect(api.updateEnvironment).toHaveBeenCalledWith(
        'lab',
        expect.objectContaining({ id: 'lab', title: 'Lab 2' }),
      ),
    );
  });

  it('deletes an environment after confirmation and goes back to the overview', async () => {
    const api = setup();
    renderVcfPage('/vcf/environments/lab/settings', [
      [vcfApiRef, api],
      permissions,
    ]);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Delete environment' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Delete Lab?' });
    expect(api.deleteEnvironment).not.toHaveBeenCalled();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete' }),
    );

    await waitFor(() =>
      expect(api.deleteEnvironment).toHaveBeenCalledWith('lab'),
    );
    expect(
      await screen.findByRole('heading', { name: 'Environments' }),
    ).toBeInTheDocument();
  });

  it('says so when the environment does not exist', async () => {
    const api = setup();
    api.getEnvironment.mockRejectedValue(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: { name: 'NotFoundError', message: 'No environment nope' },
            response: { statusCode: 404 },
          }),
          { status: 404, headers: { 'Content-Type': 'application/json' } },
        ),
      ),
    );
    renderVcfPage('/vcf/environments/nope', [[vcfApiRef, api], permissions]);

    expect(
      await screen.findByText('There is no environment "nope"'),
    ).toBeInTheDocument();
  });
});
