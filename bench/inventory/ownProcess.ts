/*
 * What the scripts run as processes of their own (fetchOnce.ts, syncOnce.ts, lists.ts) share: their command-line
 * arguments, their resident memory and how they end. Nothing heavy is imported here: fetchOnce.ts measures its
 * own resident memory (a database is in sqliteFile.ts).
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

/** Runs the script's main function; a failure is printed to stderr and ends the process with status 1. */
export function runMain(main: () => Promise<void>): void {
  main().catch(error => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  });
}
