import {
  formatBytes,
  formatCompactRelativeTime,
  formatDuration,
  formatExpiry,
  formatPercent,
  formatRelativeTime,
  formatRotatesIn,
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

  it('words an expiry in whole days, before and after the date', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(formatExpiry('2026-01-13T13:00:00Z', now)).toBe(
      'expires in 12 days',
    );
    expect(formatExpiry('2026-01-02T12:30:00Z', now)).toBe('expires in 1 day');
    expect(formatExpiry('2026-01-01T20:00:00Z', now)).toBe('expires today');
    expect(formatExpiry('2025-12-29T11:00:00Z', now)).toBe(
      'expired 3 days ago',
    );
    expect(formatExpiry('2026-01-01T08:00:00Z', now)).toBe('expired today');
    expect(formatExpiry(undefined, now)).toBeUndefined();
    expect(formatExpiry('not a date', now)).toBeUndefined();
  });

  it('counts down to a scheduled rotation', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(formatRotatesIn('2026-01-01T12:56:30Z', now)).toBe(
      'rotates in 57 min',
    );
    expect(formatRotatesIn('2026-01-01T17:00:00Z', now)).toBe('rotates in 5 h');
    expect(formatRotatesIn('2026-01-04T12:00:00Z', now)).toBe('rotates in 3 d');
    expect(formatRotatesIn('2026-01-01T11:59:00Z', now)).toBe('rotates now');
  });
});
