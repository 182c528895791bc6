import {
  formatBytes,
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
});
