import type { ConnectionTestResult } from '@vcf-backstage/plugin-vcf-common';

/**
 * One endpoint's line of a connection test.
 * @internal
 */
export type ConnectionCheck = ConnectionTestResult['results'][number];

/**
 * Signs in to one endpoint (`attempt` resolves with what to tell the user) and reports how it went and how long it
 * took. A failure becomes a line with its message, never a thrown error: the test reports, it does not fail.
 * @internal
 */
export async function checkConnection(
  source: ConnectionCheck['source'],
  attempt: () => Promise<string>,
): Promise<ConnectionCheck> {
  const started = Date.now();
  const line = (ok: boolean, message: string): ConnectionCheck => ({
    source,
    ok,
    message,
    durationMs: Date.now() - started,
  });
  try {
    return line(true, await attempt());
  } catch (error) {
    return line(false, error instanceof Error ? error.message : String(error));
  }
}

/**
 * A connection test of one or more endpoints: ok when there was something to test and every endpoint answered.
 * @internal
 */
export function toConnectionTestResult(
  results: ConnectionCheck[],
): ConnectionTestResult {
  return { ok: results.length > 0 && results.every(r => r.ok), results };
}
