import { mockApis } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vcfApiRef } from '../../api';
import {
  allow,
  environment,
  mockDownloads,
  mockVcfApi,
  page,
  renderVcfPage,
} from '../../__testUtils__';

describe('AuditPage', () => {
  it('lists audit entries, filtered by environment', async () => {
    const api = mockVcfApi();
    api.listEnvironments.mockResolvedValue([environment()]);
    api.listAuditEntries.mockResolvedValue(
      page([
        {
          id: 1,
          at: '2026-01-01T10:00:00Z',
          actor: 'user:default/alice',
          action: 'credential.reveal',
          result: 'succeeded',
          environmentId: 'lab',
          credentialId: 'cred-1',
        },
        {
          id: 2,
          at: '2026-01-01T10:05:00Z',
          actor: 'user:default/bob',
          action: 'credential.reveal',
          result: 'denied',
          environmentId: 'lab',
          credentialId: 'cred-1',
        },
      ]),
    );
    renderVcfPage('/vcf/audit', [
      [vcfApiRef, api],
      mockApis.permission({ authorize: allow }),
    ]);

    expect(await screen.findByText('user:default/bob')).toBeInTheDocument();
    expect(screen.getByText('denied')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Audit' })).toHaveAttribute(
      'aria-selected',
      'true',
    );

    await userEvent.selectOptions(
      screen.getByLabelText('Environment'),
      await screen.findByRole('option', { name: 'Lab' }),
    );
    await waitFor(() =>
      expect(api.listAuditEntries).toHaveBeenLastCalledWith({
        offset: 0,
        limit: 25,
        environmentId: 'lab',
      }),
    );
  });

  it('asks for the next page by the cursor the page before gave', async () => {
    const api = mockVcfApi();
    api.listEnvironments.mockResolvedValue([environment()]);
    const entry = (id: number) => ({
      id,
      at: '2026-01-01T10:00:00Z',
      actor: `user:default/user-${id}`,
      action: 'credential.reveal',
      result: 'succeeded' as const,
    });
    api.listAuditEntries.mockImplementation(async query =>
      query?.cursor
        ? { items: [entry(26)], totalCount: 26, prevCursor: 'before-26' }
        : {
            items: Array.from({ length: 25 }, (_, i) => entry(i + 1)),
            totalCount: 26,
            nextCursor: 'after-25',
          },
    );
    renderVcfPage('/vcf/audit', [
      [vcfApiRef, api],
      mockApis.permission({ authorize: allow }),
    ]);

    expect(await screen.findByText('user:default/user-1')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next Page' }));
    expect(await screen.findByText('user:default/user-26')).toBeInTheDocument();
    expect(api.listAuditEntries).toHaveBeenLastCalledWith(
      expect.objectContaining({ cursor: 'after-25', limit: 25 }),
    );
  });

  it('filters by action, actor, outcome and time and shows details as labelled values', async () => {
    const api = mockVcfApi();
    api.listEnvironments.mockResolvedValue([environment()]);
    api.listAuditEntries.mockResolvedValue(
      page([
        {
          id: 3,
          at: '2026-01-01T11:00:00Z',
          actor: 'user:default/alice',
          action: 'credentials.export',
          result: 'succeeded',
          environmentId: 'lab',
          details: { format: 'csv', rowCount: 258 },
        },
      ]),
    );
    renderVcfPage('/vcf/audit', [
      [vcfApiRef, api],
      mockApis.permission({ authorize: allow }),
    ]);

    expect(await screen.findByText('258')).toBeInTheDocument();
    expect(screen.getByText('row count:')).toBeInTheDocument();
    expect(screen.queryByText(/\{"format"/)).not.toBeInTheDocument();

    await userEvent.selectOptions(
      screen.getByLabelText('Action'),
      'credentials.export',
    );
    await userEvent.selectOptions(screen.getByLabelText('Outcome'), 'denied');
    await userEvent.selectOptions(screen.getByLabelText('Time'), '24h');
    await userEvent.type(screen.getByLabelText('Actor'), 'user:default/bob');

    await waitFor(() =>
      expect(api.listAuditEntries).toHaveBeenLastCalledWith(
        expect.objectContaining({
          action: 'credentials.export',
          result: 'denied',
          actor: 'user:default/bob',
          from: expect.any(String),
        }),
      ),
    );
    const { from } = api.listAuditEntries.mock.lastCall![0]!;
    const hoursBack = (Date.now() - Date.parse(from!)) / 3600_000;
    expect(hoursBack).toBeGreaterThan(23.9);
    expect(hoursBack).toBeLessThan(24.1);
  });

  it('exports the audit rows that match the filters', async () => {
    const downloads = mockDownloads();
    const api = mockVcfApi();
    api.exportAuditEntries.mockResolvedValue({
      blob: new Blob(['Time,Actor\r\n']),
      filename: 'vcf-audit.csv',
    });
    renderVcfPage('/vcf/audit', [
      [vcfApiRef, api],
      mockApis.permission({ authorize: allow }),
    ]);
    await userEvent.selectOptions(
      await screen.findByLabelText('Outcome'),
      'denied',
    );
    await userEvent.selectOptions(screen.getByLabelText('Time'), '7d');
    expect(
      screen.getByText('The audit rows that match the filters, newest first.'),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

    await waitFor(() =>
      expect(downloads.savedFilenames()).toEqual(['vcf-audit.csv']),
    );
    const [format, query] = api.exportAuditEntries.mock.lastCall!;
    expect(format).toBe('csv');
    expect(query).toEqual(
      expect.objectContaining({ result: 'denied', from: expect.any(String) }),
    );
    const daysBack = (Date.now() - Date.parse(query!.from!)) / 86_400_000;
    expect(daysBack).toBeGreaterThan(6.9);
    expect(daysBack).toBeLessThan(7.1);
  });
});
