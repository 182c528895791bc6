import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { vcfApiRef } from '../../api';
import { inventorySummary, mockVcfApi } from '../../__testUtils__';
import { rootRouteRef } from '../../routes';
import { InventoryCounts } from './InventoryCounts';

/** The number shown above a count's label. */
function countOf(label: string) {
  return screen.getByText(label).previousElementSibling?.textContent;
}

describe('InventoryCounts', () => {
  it('shows the counts across all vCenters, each linking to its view', async () => {
    const api = mockVcfApi();
    await renderInTestApp(<InventoryCounts />, {
      apis: [[vcfApiRef, api]],
      mountedRoutes: { '/vcf': rootRouteRef },
    });
    expect(await screen.findByRole('link', { name: 'VMs' })).toHaveAttribute(
      'href',
      '/vcf/inventory/vms',
    );
    expect(api.getInventorySummary).toHaveBeenCalledWith({
      environmentId: undefined,
    });
    expect(countOf('VMs')).toBe('120');
    expect(countOf('Hosts')).toBe('8');
    expect(countOf('Datastore clusters')).toBe('1');
    expect(countOf('Alarms')).toBe('4');
    expect(
      screen.getByRole('link', { name: 'Datastore clusters' }),
    ).toHaveAttribute('href', '/vcf/inventory/storage');
    expect(screen.getByRole('link', { name: 'Snapshots' })).toHaveAttribute(
      'href',
      '/vcf/inventory/snapshots',
    );
  });

  it('asks for one environment’s counts and shows 0 for kinds it lacks', async () => {
    const api = mockVcfApi();
    api.getInventorySummary.mockResolvedValue(
      inventorySummary({ counts: { vms: 3 } as any }),
    );
    await renderInTestApp(<InventoryCounts environmentId="east" />, {
      apis: [[vcfApiRef, api]],
    });
    expect(await screen.findByText('VMs')).toBeInTheDocument();
    expect(api.getInventorySummary).toHaveBeenCalledWith({
      environmentId: 'east',
    });
    expect(countOf('VMs')).toBe('3');
    expect(countOf('Networks')).toBe('0');
    // Without the VCF page there is nothing to link to.
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });

  it('says when the summary could not be loaded', async () => {
    const api = mockVcfApi();
    api.getInventorySummary.mockRejectedValue(new Error('Service unavailable'));
    await renderInTestApp(<InventoryCounts />, { apis: [[vcfApiRef, api]] });
    expect(
      await screen.findByText(
        'The inventory summary could not be loaded: Service unavailable',
      ),
    ).toBeInTheDocument();
  });
});
