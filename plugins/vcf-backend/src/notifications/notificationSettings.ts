import type { Config } from '@backstage/config';

/**
 * `vcf.notifications`: when the plugin notifies owners through the notifications service.
 * @internal
 */
export interface VcfNotificationSettings {
  enabled: boolean;
  /** Consecutive failed syncs of a target after which its owner is notified. */
  syncFailureThreshold: number;
  /** The expiry digest lists credentials that expire within this many days, and expired ones. */
  expiringWithinDays: number;
  /** The hour (UTC) from which the daily digest goes out. */
  digestHourUtc: number;
}

function integerIn(
  config: Config,
  key: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(
      `Invalid config vcf.notifications.${key}: ${value}; expected an integer from ${min} to ${max}`,
    );
  }
  return value;
}

/**
 * Reads `vcf.notifications`, with the defaults of the config schema (on, 3 failures, 14 days, 07:00 UTC).
 * @internal
 */
export function readNotificationSettings(
  config: Config,
): VcfNotificationSettings {
  const section = config.getOptionalConfig('vcf.notifications');
  if (!section) {
    return {
      enabled: true,
      syncFailureThreshold: 3,
      expiringWithinDays: 14,
      digestHourUtc: 7,
    };
  }
  return {
    enabled: section.getOptionalBoolean('enabled') ?? true,
    syncFailureThreshold: integerIn(
      section,
      'syncFailureThreshold',
      3,
      1,
      1000,
    ),
    expiringWithinDays: integerIn(section, 'expiringWithinDays', 14, 1, 365),
    digestHourUtc: integerIn(section, 'digestHourUtc', 7, 0, 23),
  };
}
