import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vcfApiRef } from '../../api';
import {
  allow,
  environment,
  mockVcfApi,
  syncStatus,
} from '../../__testUtils__';
import {
  CredentialCounts,
  EnvironmentSyncButton,
  EnvironmentSyncStatus,
  environmentSources,
} from './EnvironmentStatus';

const withoutSources = environment({ sddcManager: undefined, sync: {} });

describe('environmentSources', () => {
  it('lists the configured or synced sources in display order', () => {
    expect(
      environmentSources(
        environment({
          installer: environment().sddcManager,
          sync: { installer: syncStatus() },
        }),
      ),
    ).toEqual(['sddc-manager', 'installer']);
    expect(
      environmentSources(
        environment({
          sddcManager: undefined,
          sync: { installer: syncStatus() },
        }),
      ),
    ).toEqual(['installer']);
    expect(environmentSources(withoutSources)).toEqual([]);
  });
});

describe('EnvironmentSyncStatus', () => {
  it('says when no source is configured', async () => {
    await renderInTestApp(
      <EnvironmentSyncStatus environment={withoutSources} />,
    );
    expect(
      screen.getByText(
        'No SDDC Manager or VCF Installer is configured for this environment.',
      ),
    ).toBeInTheDocument();
  });

  it('shows each source’s state and the error of a failed one', async () => {
    await renderInTestApp(
      <EnvironmentSyncStatus
        environment={environment({
          installer: environment().sddcManager,
          sync: {
            'sddc-manager': syncStatus(),
            installer: syncStatus({
              targetId: 'env:lab:installer',
              status: 'failed',
              lastError: 'VCF Installer did not answer within 30 s',
            }),
          },
        })}
      />,
    );
    expect(screen.getByText('SDDC Manager: synced')).toBeInTheDocument();
    expect(screen.getByText('VCF Installer: sync failed')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'VCF Installer did not answer within 30 s',
    );
  });

  it('shows a configured source that never synced', async () => {
    await renderInTestApp(
      <EnvironmentSyncStatus environment={environment({ sync: {} })} />,
    );
    expect(screen.getByText('SDDC Manager: never synced')).toBeInTheDocument();
  });
});

describe('CredentialCounts', () => {
  it('shows the counts, colouring expiring and expired ones only when there are any', async () => {
    await renderInTestApp(
      <CredentialCounts
        environment={environment({
          credentialCounts: {
            total: 42,
            expiringSoon: 3,
            expired: 0,
            removed: 1,
          },
        })}
      />,
    );
    const group = screen.getByRole('group', { name: 'Credential counts' });
    expect(group).toHaveTextContent(
      '42credentials3expiring soon0expired1removed upstream',
    );
    expect(screen.getByText('3')).toHaveAttribute('data-expiry', 'expiring');
    expect(screen.getByText('0')).not.toHaveAttribute('data-expiry');
  });
});

describe('EnvironmentSyncButton', () => {
  afterEach(() => jest.useRealTimers());

  it('triggers the environment’s sync and reports when its run has finished', async () => {
    const api = mockVcfApi();
    const before = environment();
    const after = environment({
      sync: {
        'sddc-manager': syncStatus({
          lastStartedAt: '2026-01-01T11:00:00Z',
          lastFinishedAt: '2026-01-01T11:00:04Z',
        }),
      },
    });
    api.getEnvironment.mockResolvedValueOnce(before).mockResolvedValue(after);
    const onFinished = jest.fn();
    await renderInTestApp(
      <EnvironmentSyncButton
        environment={before}
        onFinished={onFinished}
        pollIntervalMs={1000}
      />,
      {
        apis: [[vcfApiRef, api], mockApis.permission({ authorize: allow })],
      },
    );

    const button = await screen.findByRole('button', { name: 'Sync now' });
    // The permission is decided; from here the polling runs on fake time.
    jest.useFakeTimers();
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    await user.click(button);
    expect(api.syncEnvironment).toHaveBeenCalledWith('lab');

    await act(() => jest.advanceTimersByTimeAsync(1000));
    await act(() => jest.advanceTimersByTimeAsync(1000));
    expect(onFinished).toHaveBeenCalledTimes(1);
    expect(api.getEnvironment).toHaveBeenCalledWith('lab');
    expect(screen.getByText(/Sync finished/)).toHaveTextContent('SDDC Manager');
  });

  it('is hidden for an environment without sources', async () => {
    const authorize = jest.fn(allow);
    await renderInTestApp(
      <EnvironmentSyncButton
        environment={{ ...withoutSources, id: 'no-sources' }}
      />,
      { apis: [[vcfApiRef, mockVcfApi()], mockApis.permission({ authorize })] },
    );
    await waitFor(() => expect(authorize).toHaveBeenCalled());
    expect(
      screen.queryByRole('button', { name: 'Sync now' }),
    ).not.toBeInTheDocument();
  });
});
