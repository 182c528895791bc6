import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockDownloads } from '../../__testUtils__';
import { ExportButtons } from './ExportButtons';

describe('ExportButtons', () => {
  it('saves the file under the name the backend chose', async () => {
    const downloads = mockDownloads();
    const onExport = jest.fn(async () => ({
      blob: new Blob(['x']),
      filename: 'vcf-vms.csv',
    }));
    renderInTestApp(<ExportButtons onExport={onExport} />);

    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

    await waitFor(() =>
      expect(downloads.savedFilenames()).toEqual(['vcf-vms.csv']),
    );
    expect(onExport).toHaveBeenCalledWith('csv');
  });

  it('reports a failed export', async () => {
    const alertApi = mockApis.alert();
    renderInTestApp(
      <ExportButtons
        onExport={async () => {
          throw new Error('export needs vcf.inventory.read');
        }}
      />,
      { apis: [alertApi] },
    );

    await userEvent.click(screen.getByRole('button', { name: 'Export Excel' }));

    await waitFor(() =>
      expect(alertApi.getAlerts()).toEqual([
        expect.objectContaining({
          message: 'Export failed: export needs vcf.inventory.read',
          severity: 'error',
        }),
      ]),
    );
    expect(screen.getByRole('button', { name: 'Export Excel' })).toBeEnabled();
  });
});
