import { locateSpecFolder } from '../spec/locateSpecFolder';

/** Where the official specs are, or why not. */
export const specFolder = locateSpecFolder();

/*
 * The jest lint rules expect literal titles and callbacks; this wrapper passes
 * its caller's through, and skipping is its purpose.
 */
/* eslint-disable jest/valid-title, jest/valid-describe-callback, jest/no-disabled-tests */

/**
 * `describe` when the official specs are present; otherwise `describe.skip`
 * with the reason in the suite name and on the console.
 */
export function describeWithSpecs(name: string, fn: () => void): void {
  if (specFolder.found) {
    describe(name, fn);
    return;
  }
  // eslint-disable-next-line no-console
  console.warn(`Skipping "${name}": ${specFolder.reason}`);
  describe.skip(`${name} (skipped: ${specFolder.reason})`, fn);
}
