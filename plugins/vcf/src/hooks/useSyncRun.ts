import type { SyncTargetStatus } from '@vcf-backstage/plugin-vcf-common';
import { useCallback, useRef, useState } from 'react';
import useMountedState from 'react-use/esm/useMountedState';

/** Options of {@link useSyncRun}. */
export interface UseSyncRunOptions {
  /** Reads the current state of the targets that the sync covers. */
  readTargets(): Promise<SyncTargetStatus[]>;
  /** Asks the backend to sync now. */
  trigger(): Promise<void>;
  /** Called with the final target states once every target has run. */
  onFinished?(targets: SyncTargetStatus[]): void;
  /** Polling interval (default 2 s). */
  intervalMs?: number;
  /** Give up polling after this long; the sync keeps running on the server (default 10 min). */
  timeoutMs?: number;
}

/** State of a manual sync started with {@link useSyncRun}. */
export interface SyncRunState {
  start(): Promise<void>;
  syncing: boolean;
  /** Latest polled target states while and after syncing. */
  targets?: SyncTargetStatus[];
  error?: unknown;
  /** Polling stopped before the sync finished. */
  timedOut: boolean;
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * A target has finished the manual run once it is no longer running and has started since
 * the trigger (or was already running when we triggered).
 */
export function hasFinished(
  target: SyncTargetStatus,
  before: SyncTargetStatus | undefined,
): boolean {
  if (target.status === 'disabled') {
    return true;
  }
  if (target.status === 'running' || target.progress) {
    // Still queued or running (progress is cleared when the run ends).
    return false;
  }
  return (
    before?.status === 'running' ||
    target.lastStartedAt !== before?.lastStartedAt
  );
}

/**
 * Triggers a sync and polls until every target has run, so the UI can show progress and
 * the outcome of the run it asked for rather than of the previous one.
 */
export function useSyncRun(options: UseSyncRunOptions): SyncRunState {
  const isMounted = useMountedState();
  const [syncing, setSyncing] = useState(false);
  const [targets, setTargets] = useState<SyncTargetStatus[]>();
  const [error, setError] = useState<unknown>();
  const [timedOut, setTimedOut] = useState(false);
  const optionsRef = useRef(options);
  optionsRef.current = options;

  const start = useCallback(async () => {
    const {
      readTargets,
      trigger,
      intervalMs = 2000,
      timeoutMs = 10 * 60 * 1000,
    } = optionsRef.current;
    setSyncing(true);
    setError(undefined);
    setTimedOut(false);
    try {
      const before = new Map(
        (await readTargets()).map(target => [target.targetId, target]),
      );
      setTargets([...before.values()]);
      await trigger();
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await sleep(intervalMs);
        if (!isMounted()) {
          return;
        }
        const current = await readTargets();
        setTargets(current);
        if (current.every(t => hasFinished(t, before.get(t.targetId)))) {
          optionsRef.current.onFinished?.(current);
          break;
        }
        if (Date.now() >= deadline) {
          setTimedOut(true);
          break;
        }
      }
    } catch (e) {
      if (isMounted()) {
        setError(e);
      }
    } finally {
      if (isMounted()) {
        setSyncing(false);
      }
    }
  }, [isMounted]);

  return { start, syncing, targets, error, timedOut };
}
