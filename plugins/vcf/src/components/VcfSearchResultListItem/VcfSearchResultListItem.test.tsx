import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { VcfSearchResultListItem } from './VcfSearchResultListItem';

describe('VcfSearchResultListItem', () => {
  it('links a VM to its page and shows its addresses, guest OS, placement and owner', async () => {
    await renderInTestApp(
      <VcfSearchResultListItem
        result={
          {
            title: 'app-01',
            text: 'Virtual machine',
            location: '/vcf/inventory/vms/vc1%3Avm-42',
            kind: 'vms',
            ipAddresses: ['10.0.0.4'],
            guestOs: 'Ubuntu Linux (64-bit)',
            cluster: 'cluster-a',
            vcenterId: 'vc1',
            owner: 'group:default/platform',
            powerState: 'poweredOn',
          } as any
        }
      />,
    );
    expect(screen.getByRole('link', { name: 'app-01' })).toHaveAttribute(
      'href',
      '/vcf/inventory/vms/vc1%3Avm-42',
    );
    expect(
      screen.getByText(
        /10\.0\.0\.4 · Ubuntu Linux \(64-bit\) · cluster cluster-a · vCenter vc1/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Virtual machine')).toBeInTheDocument();
    expect(
      screen.getByText('owner: group:default/platform'),
    ).toBeInTheDocument();
  });
});
