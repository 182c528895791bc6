import {
  formatBytes,
  formatCompactRelativeTime,
  formatDuration,
  formatPercent,
  formatRelativeTime,
} from './format';

describe('format', () => {
  it('formats bytes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 ** 4)).toBe('5.0 TB');
    expect(formatBytes(undefined)).toBe('–');
  });

  it('formats durations and percentages', () => {
    expect(formatDuration(450)).toBe('450 ms');
    expect(formatDuration(83000)).toBe('1 min 23 s');
    expect(formatPercent(42.6)).toBe('43%');
    expect(formatPercent(undefined)).toBe('–');
  });

  it('formats relative times', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(formatRelativeTime('2026-01-01T11:55:00Z', now)).toBe(
      '5 minutes ago',
    );
    expect(formatRelativeTime('2026-01-01T14:00:00Z', now)).toBe('in 2 hours');
    expect(formatRelativeTime(undefined, now)).toBe('never');
  });

  it('formats compact relative times for narrow cells', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(formatCompactRelativeTime('2026-04-02T12:00:00Z', now)).toBe(
      'in 3 mo',
    );
    expect(formatCompactRelativeTime('2025-12-27T12:00:00Z', now)).toBe(
      '5 d ago',
    );
    expect(formatCompactRelativeTime('2026-01-01T11:59:59Z', now)).toBe('now');
    expect(formatCompactRelativeTime('2026-01-01T12:59:50Z', now)).toBe(
      'in 1 h',
    );
    expect(formatCompactRelativeTime('2029-01-01T12:00:00Z', now)).toBe(
      'in 3 y',
    );
    expect(formatCompactRelativeTime(undefined, now)).toBe('never');
  });
});
