import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vcfApiRef } from '../../api';
import { allow, credential, deny, mockVcfApi } from '../../__testUtils__';
import { CredentialHistoryButton } from './CredentialHistoryDialog';

const history = [
  { id: 1, credentialId: 'cred-1', changedAt: '2026-01-01T10:00:00Z' },
  { id: 2, credentialId: 'cred-1', changedAt: '2025-12-01T10:00:00Z' },
];

describe('CredentialHistoryButton', () => {
  it('lists password changes and reveals old passwords for a while', async () => {
    jest.useFakeTimers();
    const api = mockVcfApi();
    api.getCredentialHistory.mockImplementation(async (_id, options) =>
      options?.reveal
        ? history.map(entry => ({ ...entry, password: `old-${entry.id}` }))
        : history,
    );
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    await renderInTestApp(
      <CredentialHistoryButton credential={credential()} />,
      {
        apis: [[vcfApiRef, api], mockApis.permission({ authorize: allow })],
      },
    );

    await user.click(
      screen.getByRole('button', {
        name: 'Password history for root@esx01.lab.example.com',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Password history of root@esx01.lab.example.com',
    });
    expect(await within(dialog).findAllByText('••••••••')).toHaveLength(2);
    expect(api.getCredentialHistory).toHaveBeenCalledWith('cred-1');

    await user.click(
      within(dialog).getByRole('button', { name: 'Reveal old passwords' }),
    );
    expect(
      (await within(dialog).findAllByTestId('vcf-history-password')).map(
        e => e.textContent,
      ),
    ).toEqual(['old-1', 'old-2']);
    expect(api.getCredentialHistory).toHaveBeenCalledWith('cred-1', {
      reveal: true,
    });

    await act(() => jest.advanceTimersByTimeAsync(20000));
    expect(
      within(dialog).queryByTestId('vcf-history-password'),
    ).not.toBeInTheDocument();
    jest.useRealTimers();
  });

  it('offers no reveal without the reveal permission', async () => {
    const api = mockVcfApi();
    api.getCredentialHistory.mockResolvedValue(history);
    await renderInTestApp(
      <CredentialHistoryButton
        credential={credential({ id: 'cred-denied' })}
      />,
      { apis: [[vcfApiRef, api], mockApis.permission({ authorize: deny })] },
    );

    await userEvent.click(
      screen.getByRole('button', { name: /Password history/ }),
    );

    expect(await screen.findAllByText('••••••••')).toHaveLength(2);
    expect(
      screen.queryByRole('button', { name: 'Reveal old passwords' }),
    ).not.toBeInTheDocument();
  });
});
