import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vcfCredentialRevealPermission } from '@vcf-backstage/plugin-vcf-common';
import { vcfApiRef } from '../../api';
import { allow, credential, deny, mockVcfApi } from '../../__testUtils__';
import { RevealPasswordButton } from './RevealPassword';

describe('RevealPasswordButton', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('hides the password until revealed and hides it again after the timeout', async () => {
    const api = mockVcfApi();
    api.revealPassword.mockResolvedValue({ password: 's3cret!' });
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    // userEvent.setup() puts a clipboard stub on navigator.clipboard.
    const writeText = jest.spyOn(navigator.clipboard, 'writeText');
    await renderInTestApp(<RevealPasswordButton credential={credential()} />, {
      apis: [[vcfApiRef, api], mockApis.permission({ authorize: allow })],
    });

    expect(screen.queryByTestId('vcf-password')).not.toBeInTheDocument();
    expect(screen.queryByText('s3cret!')).not.toBeInTheDocument();

    await user.click(
      await screen.findByRole('button', {
        name: 'Reveal password for root@esx01.lab.example.com',
      }),
    );

    expect(await screen.findByTestId('vcf-password')).toHaveTextContent(
      's3cret!',
    );
    expect(api.revealPassword).toHaveBeenCalledWith('cred-1');
    expect(writeText).toHaveBeenCalledWith('s3cret!');
    expect(screen.getByText('Copied · hides in 20 s')).toBeInTheDocument();

    await act(() => jest.advanceTimersByTimeAsync(5000));
    expect(screen.getByText('Copied · hides in 15 s')).toBeInTheDocument();

    await act(() => jest.advanceTimersByTimeAsync(15000));
    expect(screen.queryByTestId('vcf-password')).not.toBeInTheDocument();
    expect(screen.queryByText('s3cret!')).not.toBeInTheDocument();
    expect(
      screen.getByRole('button', {
        name: 'Reveal password for root@esx01.lab.example.com',
      }),
    ).toBeInTheDocument();
  });

  it('hides the password after vcf.revealSeconds when the app configures it', async () => {
    const api = mockVcfApi();
    api.revealPassword.mockResolvedValue({ password: 's3cret!' });
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    await renderInTestApp(<RevealPasswordButton credential={credential()} />, {
      apis: [[vcfApiRef, api], mockApis.permission({ authorize: allow })],
      config: { vcf: { revealSeconds: 5 } },
    });
    await user.click(await screen.findByRole('button', { name: /^Reveal/ }));
    expect(await screen.findByTestId('vcf-password')).toHaveTextContent(
      's3cret!',
    );
    await act(() => jest.advanceTimersByTimeAsync(4000));
    expect(screen.getByTestId('vcf-password')).toBeInTheDocument();
    await act(() => jest.advanceTimersByTimeAsync(1000));
    expect(screen.queryByTestId('vcf-password')).not.toBeInTheDocument();
  });

  it('hides the password on request', async () => {
    const api = mockVcfApi();
    api.revealPassword.mockResolvedValue({ password: 's3cret!' });
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    await renderInTestApp(<RevealPasswordButton credential={credential()} />, {
      apis: [[vcfApiRef, api], mockApis.permission({ authorize: allow })],
    });

    await user.click(await screen.findByRole('button', { name: /^Reveal/ }));
    await user.click(
      await screen.findByRole('button', {
        name: 'Hide password for root@esx01.lab.example.com',
      }),
    );

    expect(screen.queryByTestId('vcf-password')).not.toBeInTheDocument();
  });

  it('does not show Reveal without permission for that credential', async () => {
    const api = mockVcfApi();
    const authorize = jest.fn(deny);
    // usePermission caches decisions per permission and resource across renders, so the
    // denied credential has an id of its own.
    const denied = credential({ id: 'cred-denied' });
    await renderInTestApp(<RevealPasswordButton credential={denied} />, {
      apis: [[vcfApiRef, api], mockApis.permission({ authorize })],
    });

    await act(() => jest.advanceTimersByTimeAsync(100));

    expect(authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: vcfCredentialRevealPermission,
        resourceRef: 'cred-denied',
      }),
    );
    expect(
      screen.queryByRole('button', { name: /Reveal/ }),
    ).not.toBeInTheDocument();
  });

  it('says why a reveal failed', async () => {
    const api = mockVcfApi();
    api.revealPassword.mockRejectedValue(new Error('Credential was removed'));
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    await renderInTestApp(<RevealPasswordButton credential={credential()} />, {
      apis: [[vcfApiRef, api], mockApis.permission({ authorize: allow })],
    });

    await user.click(await screen.findByRole('button', { name: /^Reveal/ }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Credential was removed',
    );
    expect(screen.queryByTestId('vcf-password')).not.toBeInTheDocument();
  });

  it('shows one password at a time: revealing a second hides the first', async () => {
    const api = mockVcfApi();
    api.revealPassword.mockImplementation(async id => ({
      password: `canary-${id}`,
    }));
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    await renderInTestApp(
      <>
        <RevealPasswordButton credential={credential()} />
        <RevealPasswordButton
          credential={credential({ id: 'cred-2', username: 'admin' })}
        />
      </>,
      { apis: [[vcfApiRef, api], mockApis.permission({ authorize: allow })] },
    );

    await user.click(
      await screen.findByRole('button', {
        name: 'Reveal password for root@esx01.lab.example.com',
      }),
    );
    expect(await screen.findByTestId('vcf-password')).toHaveTextContent(
      'canary-cred-1',
    );
    await user.click(
      screen.getByRole('button', {
        name: 'Reveal password for admin@esx01.lab.example.com',
      }),
    );

    await waitFor(() =>
      expect(screen.getByTestId('vcf-password')).toHaveTextContent(
        'canary-cred-2',
      ),
    );
    expect(screen.getAllByTestId('vcf-password')).toHaveLength(1);
    expect(screen.queryByText('canary-cred-1')).not.toBeInTheDocument();
  });

  it('copies host, user and password as one block and clears the clipboard when it hides', async () => {
    const api = mockVcfApi();
    api.revealPassword.mockResolvedValue({ password: 'block-canary' });
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    // A clipboard that can be read back (after userEvent.setup(), which installs its own).
    let clipboardContent = '';
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: {
        writeText: async (text: string) => {
          clipboardContent = text;
        },
        readText: async () => clipboardContent,
      },
    });
    await renderInTestApp(<RevealPasswordButton credential={credential()} />, {
      apis: [[vcfApiRef, api], mockApis.permission({ authorize: allow })],
      config: { vcf: { revealSeconds: 5 } },
    });

    await user.click(
      await screen.findByRole('button', {
        name: 'Copy credentials for root@esx01.lab.example.com',
      }),
    );

    expect(
      await screen.findByText('Copied with host and user · hides in 5 s'),
    ).toBeInTheDocument();
    expect(clipboardContent).toBe(
      [
        'Host: esx01.lab.example.com',
        'IP: 10.0.0.11',
        'Username: root',
        'Password: block-canary',
      ].join('\n'),
    );

    await act(() => jest.advanceTimersByTimeAsync(5000));
    expect(screen.queryByTestId('vcf-password')).not.toBeInTheDocument();
    await waitFor(() => expect(clipboardContent).toBe(''));
  });
});
