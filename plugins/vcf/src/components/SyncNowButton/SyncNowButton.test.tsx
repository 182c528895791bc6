import { renderInTestApp } from '@backstage/frontend-test-utils';
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SyncTargetStatus } from '@vcf-backstage/plugin-vcf-common';
import { syncStatus } from '../../__testUtils__';
import { SyncNowButton } from './SyncNowButton';

describe('SyncNowButton', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('polls until the triggered run has finished and reports it', async () => {
    const before = syncStatus({ lastStartedAt: '2026-01-01T10:00:00Z' });
    const running = syncStatus({
      status: 'running',
      lastStartedAt: '2026-01-01T11:00:00Z',
    });
    const done = syncStatus({
      status: 'failed',
      lastStartedAt: '2026-01-01T11:00:00Z',
      lastError: 'SDDC Manager rejected the service account',
    });
    const states: SyncTargetStatus[][] = [
      [before],
      [before],
      [running],
      [done],
    ];
    const readTargets = jest.fn(async () => states.shift() ?? [done]);
    const trigger = jest.fn(async () => undefined);
    const onFinished = jest.fn();
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });

    await renderInTestApp(
      <SyncNowButton
        readTargets={readTargets}
        trigger={trigger}
        onFinished={onFinished}
        describeTarget={() => 'SDDC Manager'}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Sync now' }));

    expect(trigger).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Sync now' })).toBeDisabled();

    // The first poll still sees the previous run: not finished.
    await act(() => jest.advanceTimersByTimeAsync(2000));
    expect(onFinished).not.toHaveBeenCalled();

    await act(() => jest.advanceTimersByTimeAsync(2000));
    expect(screen.getByRole('status')).toHaveTextContent(
      'Syncing SDDC Manager…',
    );

    await act(() => jest.advanceTimersByTimeAsync(2000));
    expect(onFinished).toHaveBeenCalledWith([done]);
    expect(screen.getByRole('button', { name: 'Sync now' })).toBeEnabled();
    expect(
      screen.getByText('Sync finished with errors in SDDC Manager.'),
    ).toBeInTheDocument();
  });

  it('shows why the sync could not start', async () => {
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    await renderInTestApp(
      <SyncNowButton
        readTargets={async () => []}
        trigger={async () => {
          throw new Error('not allowed');
        }}
      />,
    );

    await user.click(screen.getByRole('button', { name: 'Sync now' }));

    expect(
      await screen.findByText('Could not start the sync: not allowed'),
    ).toBeInTheDocument();
  });
});
