import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vcfApiRef } from '../../api';
import {
  allow,
  allowOnly,
  environment,
  mockVcfApi,
  renderVcfPage,
} from '../../__testUtils__';
import { rootRouteRef } from '../../routes';
import { LegacyVcfPage } from './LegacyVcfPage';

const everything = mockApis.permission({ authorize: allow });

function setup() {
  const api = mockVcfApi();
  api.listEnvironments.mockResolvedValue([environment()]);
  return api;
}

function tabs() {
  return within(screen.getByRole('tablist', { name: 'VCF sections' }))
    .getAllByRole('tab')
    .map(tab => tab.textContent);
}

describe('VcfRouter', () => {
  it('hides the Audit tab without vcf.audit.read', async () => {
    const authorize = jest.fn(
      allowOnly('vcf.environment.read', 'vcf.inventory.read'),
    );
    renderVcfPage('/vcf', [
      [vcfApiRef, setup()],
      mockApis.permission({ authorize }),
    ]);
    await waitFor(() =>
      expect(authorize).toHaveBeenCalledWith(
        expect.objectContaining({
          permission: expect.objectContaining({ name: 'vcf.audit.read' }),
        }),
      ),
    );
    expect(
      await screen.findByRole('heading', { name: 'Environments' }),
    ).toBeInTheDocument();
    expect(tabs()).toEqual(['Overview', 'Inventory', 'Changes', 'vCenters']);
  });

  it('opens on the overview, with a tab per section', async () => {
    renderVcfPage('/vcf', [[vcfApiRef, setup()], everything]);
    expect(
      await screen.findByRole('heading', { name: 'Environments' }),
    ).toBeInTheDocument();
    expect(await screen.findByRole('tab', { name: 'Audit' })).toBeVisible();
    expect(tabs()).toEqual([
      'Overview',
      'Inventory',
      'Changes',
      'vCenters',
      'Audit',
    ]);
    expect(screen.getByRole('tab', { name: 'Overview' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(screen.getByRole('tab', { name: 'vCenters' })).toHaveAttribute(
      'href',
      '/vcf/vcenters',
    );
  });

  it('routes each section and marks its tab', async () => {
    const api = setup();
    renderVcfPage('/vcf/vcenters', [[vcfApiRef, api], everything]);
    expect(
      await screen.findByRole('heading', { name: 'vCenters' }),
    ).toBeInTheDocument();
    expect(api.listVcenters).toHaveBeenCalled();
    expect(screen.getByRole('tab', { name: 'vCenters' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(screen.getByRole('tab', { name: 'Overview' })).toHaveAttribute(
      'aria-selected',
      'false',
    );
  });

  it('opens an environment’s page', async () => {
    const api = setup();
    api.getEnvironment.mockResolvedValue(environment());
    renderVcfPage('/vcf/environments/lab', [[vcfApiRef, api], everything]);
    expect(
      await screen.findByRole('heading', { name: 'Lab' }),
    ).toBeInTheDocument();
    expect(api.getEnvironment).toHaveBeenCalledWith('lab');
  });

  it('moves between sections through the tabs', async () => {
    const api = setup();
    renderVcfPage('/vcf', [[vcfApiRef, api], everything]);
    await userEvent.click(await screen.findByRole('tab', { name: 'vCenters' }));
    expect(
      await screen.findByRole('heading', { name: 'vCenters' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'vCenters' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });

  it('says when there is no such page, with a way back', async () => {
    renderVcfPage('/vcf/nowhere', [[vcfApiRef, setup()], everything]);
    expect(
      await screen.findByText('There is no such VCF page'),
    ).toBeInTheDocument();
    expect(screen.getByText('VCF overview').closest('a')).toHaveAttribute(
      'href',
      '/vcf',
    );
  });
});

describe('LegacyVcfPage', () => {
  it('wraps the sections in a page header', async () => {
    await renderInTestApp(<LegacyVcfPage />, {
      mountPath: '/vcf',
      mountedRoutes: { '/vcf': rootRouteRef },
      initialRouteEntries: ['/vcf'],
      apis: [[vcfApiRef, setup()], everything],
    });
    expect(
      screen.getByRole('heading', { name: 'VMware Cloud Foundation' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('tablist', { name: 'VCF sections' }),
    ).toBeInTheDocument();
  });
});
