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

  it('offers an exact CSV for scripts and says how each format treats formulas', async () => {
    const onExport = jest.fn(async () => ({
      blob: new Blob(['x']),
      filename: 'vcf-credentials.csv',
    }));
    mockDownloads();
    renderInTestApp(<ExportButtons onExport={onExport} />);

    const exact = screen.getByRole('button', { name: 'Export exact CSV' });
    await userEvent.hover(exact);
    expect(
      await screen.findByText(
        /every value exactly as stored, without formula guard/,
      ),
    ).toBeInTheDocument();
    await userEvent.hover(screen.getByRole('button', { name: 'Export CSV' }));
    expect(
      await screen.findByText(/gets a leading ' so it cannot run as a formula/),
    ).toBeInTheDocument();

    await userEvent.click(exact);
    await waitFor(() => expect(onExport).toHaveBeenCalledWith('csv-raw'));
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
