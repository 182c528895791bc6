import type { Theme } from '@material-ui/core/styles';
import type { ExpiryStatus } from '@vcf-backstage/plugin-vcf-common';

/** The three states a user tells apart at a glance, plus "no expiry known". */
export type ExpirySeverity = 'expired' | 'expiring' | 'ok' | 'unknown';

const SEVERITY_BY_STATUS: Record<ExpiryStatus, ExpirySeverity> = {
  EXPIRED: 'expired',
  EXPIRING: 'expiring',
  ACTIVE: 'ok',
  UNKNOWN: 'unknown',
};

/** `EXPIRING` → `expiring`. */
export function expirySeverity(
  status: ExpiryStatus | undefined,
): ExpirySeverity {
  return status ? SEVERITY_BY_STATUS[status] ?? 'unknown' : 'unknown';
}

/**
 * The one colour scale for credential expiry, used by the table chips and the count cards alike:
 * expired in the theme's error colour, expiring in its warning colour, ok in its success colour.
 */
export function expiryColor(theme: Theme, severity: ExpirySeverity): string {
  switch (severity) {
    case 'expired':
      return theme.palette.error.main;
    case 'expiring':
      return theme.palette.warning.main;
    case 'ok':
      return theme.palette.success.main;
    default:
      return theme.palette.text.secondary;
  }
}
