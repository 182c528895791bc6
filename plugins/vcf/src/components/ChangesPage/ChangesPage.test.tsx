import { mockApis } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { InventoryChange } from '@vcf-backstage/plugin-vcf-common';
import { vcfApiRef } from '../../api';
import {
  allow,
  mockVcfApi,
  page,
  renderVcfPage,
  vcenter,
} from '../../__testUtils__';

const changes: InventoryChange[] = [
  {
    id: 2,
    vcenterId: 'vc01',
    kind: 'vms',
    objectId: 'vc01:vm-1',
    objectName: 'web-01',
    change: 'changed',
    field: 'powerState',
    before: 'poweredOn',
    after: 'poweredOff',
    at: '2026-12-01T10:15:00.000Z',
  },
  {
    id: 1,
    vcenterId: 'vc01',
    kind: 'vms',
    objectId: 'vc01:vm-7',
    objectName: 'old-vm',
    change: 'removed',
    field: 'object',
    at: '2026-12-01T10:15:00.000Z',
  },
];

describe('ChangesPage', () => {
  it('lists changes with before → after, vCenter titles and links to the changed VM, and filters by kind', async () => {
    const api = mockVcfApi();
    api.listVcenters.mockResolvedValue([vcenter()]);
    api.listInventoryChanges.mockResolvedValue(page(changes));
    renderVcfPage('/vcf/changes', [
      [vcfApiRef, api],
      mockApis.permission({ authorize: allow }),
    ]);

    expect(
      await screen.findByText('poweredOn → poweredOff'),
    ).toBeInTheDocument();
    expect(screen.getByText('removed')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'web-01' })).toHaveAttribute(
      'href',
      `/vcf/inventory/vms/${encodeURIComponent('vc01:vm-1')}`,
    );
    // A removed VM has no page to link to.
    expect(
      screen.queryByRole('link', { name: 'old-vm' }),
    ).not.toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getAllByText('vCenter 01').length).toBeGreaterThan(0),
    );
    expect(api.listInventoryChanges).toHaveBeenLastCalledWith({
      offset: 0,
      limit: 50,
    });

    // The Kind select (the table's Kind column header is a button too).
    const kindSelect = screen
      .getAllByRole('button', { name: /Kind/ })
      .find(button => button.getAttribute('aria-haspopup') === 'listbox')!;
    await userEvent.click(kindSelect);
    await userEvent.click(
      within(screen.getByRole('listbox')).getByText('hosts'),
    );
    await waitFor(() =>
      expect(api.listInventoryChanges).toHaveBeenLastCalledWith({
        kind: 'hosts',
        offset: 0,
        limit: 50,
      }),
    );
  });
});
