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

  it('names each source with its live progress, then the result with counts', async () => {
    const before = syncStatus({ lastStartedAt: '2026-01-01T10:00:00Z' });
    const queued = {
      ...before,
      progress: { phase: 'queued' as const, updatedAt: '2026-01-01T11:00:00Z' },
    };
    const paging = syncStatus({
      status: 'running',
      lastStartedAt: '2026-01-01T11:00:00Z',
      progress: {
        phase: 'fetching',
        page: 3,
        pageCount: 21,
        items: 1500,
        updatedAt: '2026-01-01T11:00:01Z',
      },
    });
    const done = syncStatus({
      status: 'succeeded',
      lastStartedAt: '2026-01-01T11:00:00Z',
      lastCounts: {
        total: 258,
        added: 0,
        updated: 2,
        passwordsChanged: 2,
        removed: 1,
        pages: 21,
      },
    });
    const states: SyncTargetStatus[][] = [[before], [queued], [paging], [done]];
    const readTargets = jest.fn(async () => states.shift() ?? [done]);
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });

    await renderInTestApp(
      <SyncNowButton
        readTargets={readTargets}
        trigger={async () => undefined}
        describeTarget={() => 'SDDC Manager'}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Sync now' }));

    await act(() => jest.advanceTimersByTimeAsync(2000));
    expect(screen.getByRole('status')).toHaveTextContent(
      'SDDC Manager: queued',
    );
    await act(() => jest.advanceTimersByTimeAsync(2000));
    expect(screen.getByRole('status')).toHaveTextContent(
      'SDDC Manager: page 3 of 21 · 1,500 items',
    );
    await act(() => jest.advanceTimersByTimeAsync(2000));
    expect(screen.getByRole('status')).toHaveTextContent(
      'Sync finished: SDDC Manager: 258 credentials in 21 pages, 2 passwords changed, 1 removed upstream',
    );
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
