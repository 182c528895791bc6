/*
 * The figures of bench/schedule, computed from the rows the backend wrote: `sync_runs` (one row per run, with the
 * lease owner that ran it) and `sync_targets` (the interval of each target).
 *
 * When a run ends, the store makes its target due again one interval after the run's `finished_at` (unless a
 * "sync now" or startup request came in meanwhile: then the next run is that request's, not a scheduled one). So
 * each finished run opens one due slot, `finished_at + interval`, and the target's next run serves it:
 *
 *   - lateness of a slot = the next run's `started_at` − due; a slot still waiting when the window ends counts
 *     with `window end − due` (a lower bound), so a backlog cannot hide;
 *   - a double run is two runs of one target that overlap in time, or a scheduled run that starts before its slot
 *     is due (it serves a slot that was already served).
 */

/** One `sync_runs` row, times as ISO text or Date. */
export interface RunRow {
  id: number;
  targetId: string;
  trigger: string;
  /** The lease owner that ran it: `<instance id>/<pid>:<random>`. */
  runner: string | null;
  startedAt: Date;
  finishedAt?: Date;
  status: string;
  error?: string | null;
}

/** One `sync_targets` row: what the bench needs of it. */
export interface TargetRow {
  id: string;
  kind: string;
  intervalSeconds: number;
}

/** A double run: the two runs of one target and why they count as one slot run twice. */
export interface DoubleRun {
  targetId: string;
  first: RunRow;
  second: RunRow;
  reason: 'overlap' | 'before its slot was due';
}

/** Everything bench/schedule prints. Times in seconds. */
export interface ScheduleFigures {
  windowSeconds: number;
  /** Due slots in the window (due time within it). */
  slots: number;
  /** Of those, slots whose run had not started when the window ended. */
  waiting: number;
  lateness: { p50: number; p95: number; max: number };
  /** The slots with the largest lateness, worst first. */
  latest: Array<{ targetId: string; dueAt: Date; latenessSeconds: number }>;
  /** Runs that started in the window, per backend instance id (and per target kind). */
  runsPerInstance: Record<
    string,
    { total: number; byKind: Record<string, number> }
  >;
  runsInWindow: number;
  /** How long the runs that started in the window took, per target kind (p50, p95). */
  durationSeconds: Record<string, { p50: number; p95: number }>;
  failedInWindow: number;
  /** The first error of a failed run in the window. */
  firstFailure?: string;
  /** Over every run the backends wrote, the warm-up included. */
  doubleRuns: DoubleRun[];
  /** Targets that started no run in the window. */
  targetsWithoutRun: string[];
  /**
   * Startup runs over the whole bench (`vcf.sync.runOnStartup`: each replica's start makes every target due), and
   * how many targets ran more than one of them.
   */
  startup: { runs: number; targetsRunMoreThanOnce: number };
}

/** The instance id of a lease owner `<instance id>/<pid>:<random>`. */
export function instanceOf(runner: string | null): string {
  if (!runner) return '(none)';
  const slash = runner.lastIndexOf('/');
  return slash > 0 ? runner.slice(0, slash) : runner;
}

/** The p-th percentile (nearest rank) of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** The figures of the window [`from`, `to`] from every run and target the backends wrote. */
export function scheduleFigures(options: {
  runs: RunRow[];
  targets: TargetRow[];
  from: Date;
  to: Date;
}): ScheduleFigures {
  const { runs, targets, from, to } = options;
  const inWindow = (at: Date) => at >= from && at <= to;
  const byTarget = new Map<string, RunRow[]>(targets.map(t => [t.id, []]));
  for (const run of runs) {
    if (!byTarget.has(run.targetId)) byTarget.set(run.targetId, []);
    byTarget.get(run.targetId)!.push(run);
  }
  const intervals = new Map(targets.map(t => [t.id, t.intervalSeconds]));
  const kinds = new Map(targets.map(t => [t.id, t.kind]));

  const lateness: Array<{
    targetId: string;
    dueAt: Date;
    latenessSeconds: number;
  }> = [];
  let waiting = 0;
  const doubleRuns: DoubleRun[] = [];
  const targetsWithoutRun: string[] = [];

  for (const [targetId, targetRuns] of byTarget) {
    targetRuns.sort(
      (a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a.id - b.id,
    );
    const intervalMs = (intervals.get(targetId) ?? 0) * 1000;
    // The run that ends last so far: a later run that starts before it ends overlaps it.
    let latestEnding: RunRow | undefined;
    for (let i = 0; i < targetRuns.length; i++) {
      const run = targetRuns[i];
      const end = (r: RunRow) => (r.finishedAt ?? to).getTime();
      if (latestEnding && run.startedAt.getTime() < end(latestEnding)) {
        doubleRuns.push({
          targetId,
          first: latestEnding,
          second: run,
          reason: 'overlap',
        });
      }
      if (!latestEnding || end(run) > end(latestEnding)) latestEnding = run;

      if (!run.finishedAt) continue;
      const dueAt = new Date(run.finishedAt.getTime() + intervalMs);
      const next = targetRuns[i + 1];
      // A requested run (startup, "sync now") replaces the scheduled slot.
      if (next && next.trigger !== 'schedule') continue;
      // One double run per second run: an overlapping run also starts before its slot is due.
      const overlapping = (r: RunRow) => end(run) > r.startedAt.getTime();
      if (next && next.startedAt < dueAt && !overlapping(next)) {
        doubleRuns.push({
          targetId,
          first: run,
          second: next,
          reason: 'before its slot was due',
        });
      }
      if (!inWindow(dueAt)) continue;
      const served = next !== undefined && next.startedAt <= to;
      if (!served) waiting++;
      const startedAt = served ? next.startedAt : to;
      lateness.push({
        targetId,
        dueAt,
        latenessSeconds: (startedAt.getTime() - dueAt.getTime()) / 1000,
      });
    }
    if (!targetRuns.some(r => inWindow(r.startedAt)))
      targetsWithoutRun.push(targetId);
  }

  const sorted = lateness.map(l => l.latenessSeconds).sort((a, b) => a - b);
  const startupRuns = runs.filter(r => r.trigger === 'startup');
  const startupPerTarget = new Map<string, number>();
  for (const run of startupRuns)
    startupPerTarget.set(
      run.targetId,
      (startupPerTarget.get(run.targetId) ?? 0) + 1,
    );
  const runsPerInstance: ScheduleFigures['runsPerInstance'] = {};
  let runsInWindow = 0;
  let failedInWindow = 0;
  let firstFailure: string | undefined;
  const durations = new Map<string, number[]>();
  for (const run of runs) {
    if (!inWindow(run.startedAt)) continue;
    runsInWindow++;
    const instance = instanceOf(run.runner);
    const kind = kinds.get(run.targetId) ?? 'unknown';
    if (run.finishedAt) {
      if (!durations.has(kind)) durations.set(kind, []);
      durations
        .get(kind)!
        .push((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000);
    }
    runsPerInstance[instance] ??= { total: 0, byKind: {} };
    runsPerInstance[instance].total++;
    runsPerInstance[instance].byKind[kind] =
      (runsPerInstance[instance].byKind[kind] ?? 0) + 1;
    if (run.status === 'failed') {
      failedInWindow++;
      firstFailure ??= `${run.targetId}: ${run.error ?? 'no error text'}`;
    }
  }
  return {
    windowSeconds: (to.getTime() - from.getTime()) / 1000,
    slots: lateness.length,
    waiting,
    lateness: {
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      max: sorted.length ? sorted[sorted.length - 1] : NaN,
    },
    latest: [...lateness]
      .sort((a, b) => b.latenessSeconds - a.latenessSeconds)
      .slice(0, 5),
    runsPerInstance,
    runsInWindow,
    durationSeconds: Object.fromEntries(
      [...durations].map(([kind, values]) => {
        const sortedDurations = values.sort((a, b) => a - b);
        return [
          kind,
          {
            p50: percentile(sortedDurations, 50),
            p95: percentile(sortedDurations, 95),
          },
        ];
      }),
    ),
    failedInWindow,
    firstFailure,
    doubleRuns,
    targetsWithoutRun,
    startup: {
      runs: startupRuns.length,
      targetsRunMoreThanOnce: [...startupPerTarget.values()].filter(n => n > 1)
        .length,
    },
  };
}
