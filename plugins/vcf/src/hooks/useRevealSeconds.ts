import { configApiRef, useApi } from '@backstage/core-plugin-api';

/** Seconds a revealed password stays on the page unless `vcf.revealSeconds` says otherwise. */
export const DEFAULT_REVEAL_SECONDS = 20;

/**
 * How long a revealed password stays on screen: `vcf.revealSeconds` from the app config (1–300), or
 * {@link DEFAULT_REVEAL_SECONDS}.
 */
export function useRevealSeconds(): number {
  const config = useApi(configApiRef);
  const configured = config.getOptionalNumber('vcf.revealSeconds');
  if (configured === undefined || !Number.isFinite(configured))
    return DEFAULT_REVEAL_SECONDS;
  return Math.min(300, Math.max(1, Math.round(configured)));
}
