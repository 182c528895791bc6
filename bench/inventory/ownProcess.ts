/*
 * What fetchOnce.ts and syncOnce.ts share: their command-line arguments and their own resident memory.
 */
import { readFileSync } from 'node:fs';

/** The value after `--name` on the command line; throws when it is missing. */
export function arg(name: string): string {
  const i = process.argv.indexOf(`--${name}`);
  if (i === -1) throw new Error(`--${name} is required`);
  return process.argv[i + 1];
}

/** This process's resident memory now (VmRSS) or at its peak so far (VmHWM), in MiB (Linux). */
export function statusMb(field: 'VmRSS' | 'VmHWM'): number {
  const kb = Number(
    new RegExp(`${field}:\\s+(\\d+)`).exec(
      readFileSync('/proc/self/status', 'utf8'),
    )?.[1],
  );
  return Math.round(kb / 1024);
}
