/**
 * The host (and port) of a vCenter URL, lower-cased: two definitions with the same host are the same vCenter,
 * whatever their path or letter case.
 * @internal
 */
export function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host.toLowerCase();
  } catch {
    return baseUrl.toLowerCase();
  }
}
