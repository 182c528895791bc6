import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { vcfApiRef } from '../../api';
import { mockVcfApi } from '../../__testUtils__';
import { TopView } from './TopView';

describe('TopView', () => {
  it('asks for the top VMs and hosts by CPU and memory and lists them in order', async () => {
    const api = mockVcfApi();
    api.getTopItems.mockImplementation(async query =>
      query.type === 'vm' && query.metric === 'memory'
        ? [
            {
              id: 'vc01:vm-1',
              vcenterId: 'vc01',
              name: 'db-01',
              value: 32768,
              unit: 'MB',
            },
            {
              id: 'vc01:vm-2',
              vcenterId: 'vc01',
              name: 'web-01',
              value: 4096,
              unit: 'MB',
            },
          ]
        : [],
    );

    await renderInTestApp(<TopView environmentId="lab" />, {
      apis: [[vcfApiRef, api]],
    });

    const list = await screen.findByRole('list', { name: 'Top VMs by memory' });
    const items = within(list).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('1. db-01 — 32.0 GB');
    expect(items[1]).toHaveTextContent('2. web-01 — 4.0 GB');
    expect(api.getTopItems).toHaveBeenCalledWith({
      type: 'host',
      metric: 'cpu',
      environmentId: 'lab',
      limit: 10,
    });
    expect(api.getTopItems).toHaveBeenCalledTimes(4);
  });

  it('colours bars by absolute utilisation, not relative to the busiest item', async () => {
    const api = mockVcfApi();
    api.getTopItems.mockImplementation(async query =>
      query.type === 'vm' && query.metric === 'cpu'
        ? [
            {
              id: 'vc01:vm-1',
              vcenterId: 'vc01',
              name: 'quiet-but-first',
              value: 400,
              unit: 'MHz',
              capacity: 4000,
            },
            {
              id: 'vc01:vm-2',
              vcenterId: 'vc01',
              name: 'busy',
              value: 380,
              unit: 'MHz',
              capacity: 400,
            },
            {
              id: 'vc01:vm-3',
              vcenterId: 'vc01',
              name: 'unknown-host',
              value: 300,
              unit: 'MHz',
            },
          ]
        : [],
    );

    await renderInTestApp(<TopView />, { apis: [[vcfApiRef, api]] });

    const list = await screen.findByRole('list', { name: 'Top VMs by CPU' });
    const items = within(list).getAllByRole('listitem');
    expect(items[0].querySelector('[data-usage-level]')).toHaveAttribute(
      'data-usage-level',
      'ok',
    );
    expect(items[0]).toHaveTextContent('10%');
    expect(items[1].querySelector('[data-usage-level]')).toHaveAttribute(
      'data-usage-level',
      'error',
    );
    expect(items[2].querySelector('[data-usage-level]')).toBeNull();
    expect(items[2]).toHaveTextContent('capacity unknown');
  });
});
