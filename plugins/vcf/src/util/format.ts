const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** `1536` → `1.5 KB` (binary multiples, as vSphere shows capacities). */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || bytes === null || Number.isNaN(bytes)) {
    return '–';
  }
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${BYTE_UNITS[unit]}`;
}

/** Megabytes (as the vSphere API counts VM memory) in readable units. */
export function formatMegabytes(mb: number | undefined): string {
  return mb === undefined ? '–' : formatBytes(mb * 1024 * 1024);
}

/** `42.345` → `42%`; undefined → `–`. */
export function formatPercent(value: number | undefined): string {
  return value === undefined || value === null || Number.isNaN(value)
    ? '–'
    : `${Math.round(value)}%`;
}

/** A timestamp in the user's locale, or `–`. */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) {
    return '–';
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

const RELATIVE_STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Infinity],
];

/** `5 minutes ago`, `in 2 hours`; `never` when there is no timestamp. */
export function formatRelativeTime(
  iso: string | undefined,
  now: number = Date.now(),
): string {
  if (!iso) {
    return 'never';
  }
  const time = new Date(iso).getTime();
  if (Number.isNaN(time)) {
    return iso;
  }
  let value = (time - now) / 1000;
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(value) < size) {
      return format.format(Math.round(value), unit);
    }
    value /= size;
  }
  return format.format(Math.round(value), 'year');
}

const COMPACT_STEPS: Array<[string, number]> = [
  ['s', 60],
  ['min', 60],
  ['h', 24],
  ['d', 30],
  ['mo', 12],
  ['y', Infinity],
];

/**
 * `in 3 mo`, `5 d ago`, `now`: a short relative time for narrow table cells (show the full date on
 * hover); `never` when there is no timestamp.
 */
export function formatCompactRelativeTime(
  iso: string | undefined,
  now: number = Date.now(),
): string {
  if (!iso) {
    return 'never';
  }
  const time = new Date(iso).getTime();
  if (Number.isNaN(time)) {
    return iso;
  }
  const future = time > now;
  let value = Math.abs(time - now) / 1000;
  if (value < 45) {
    return 'now';
  }
  for (const [unit, size] of COMPACT_STEPS) {
    if (Math.round(value) < size) {
      const amount = `${Math.round(value)} ${unit}`;
      return future ? `in ${amount}` : `${amount} ago`;
    }
    value /= size;
  }
  return iso;
}

/** `83000` → `1 min 23 s`. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || ms === null) {
    return '–';
  }
  if (ms < 1000) {
    return `${ms} ms`;
  }
  const seconds = Math.round(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${seconds % 60} s` : `${seconds} s`;
}

/** Display names of the credential sources. */
export const SOURCE_TITLES: Record<string, string> = {
  'sddc-manager': 'SDDC Manager',
  installer: 'VCF Installer',
  vcenter: 'vCenter',
};

/** `sddc-manager` → `SDDC Manager`. */
export function sourceTitle(source: string): string {
  return SOURCE_TITLES[source] ?? source;
}

const DAY_MS = 86_400_000;

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/**
 * A password's expiry in whole days: `expires in 12 days`, `expires today`, `expired 3 days ago`;
 * undefined when there is no (valid) date.
 */
export function formatExpiry(
  iso: string | undefined,
  now: number = Date.now(),
): string | undefined {
  const time = iso ? new Date(iso).getTime() : NaN;
  if (Number.isNaN(time)) return undefined;
  const days = Math.floor(Math.abs(time - now) / DAY_MS);
  if (time >= now) {
    return days === 0 ? 'expires today' : `expires in ${plural(days, 'day')}`;
  }
  return days === 0 ? 'expired today' : `expired ${plural(days, 'day')} ago`;
}

/**
 * When a scheduled rotation runs, counted down for the credential table: `rotates in 57 min`,
 * `rotates in 5 h`, `rotates in 3 d`, `rotates now` once it is due.
 */
export function formatRotatesIn(iso: string, now: number = Date.now()): string {
  const minutes = Math.ceil((new Date(iso).getTime() - now) / 60_000);
  if (!(minutes > 0)) return 'rotates now';
  if (minutes < 120) return `rotates in ${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `rotates in ${hours} h`;
  return `rotates in ${Math.round(hours / 24)} d`;
}
