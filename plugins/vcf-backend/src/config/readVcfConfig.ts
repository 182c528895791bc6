import type { Config } from '@backstage/config';
import {
  type CredentialSource,
  type RotateAfterRevealSettings,
  isValidVcfId,
  VCF_ID_HINT,
} from '@vcf-backstage/plugin-vcf-common';
import type { ResolvedTlsSettings } from '../http/UpstreamHttpClient';

/**
 * An SDDC Manager or VCF Installer endpoint with its service account.
 * @internal
 */
export interface EndpointDefinition {
  baseUrl: string;
  username: string;
  password: string;
  tls: ResolvedTlsSettings;
  intervalMinutes: number;
}

/**
 * A VCF environment as configured (in app-config or through the API).
 * @internal
 */
export interface EnvironmentDefinition {
  id: string;
  title: string;
  description?: string;
  owner?: string;
  discoverVcenters: boolean;
  /** Rotate-after-reveal; undefined when off. */
  rotateAfterReveal?: RotateAfterRevealSettings;
  endpoints: Partial<Record<CredentialSource, EndpointDefinition>>;
}

/**
 * A vCenter as configured.
 * @internal
 */
export interface VcenterDefinition {
  id: string;
  title: string;
  baseUrl: string;
  username: string;
  password: string;
  environmentId?: string;
  owner?: string;
  enabled: boolean;
  tls: ResolvedTlsSettings;
  intervalMinutes: number;
}

/**
 * Settings of the sync dispatcher.
 * @internal
 */
export interface SyncSettings {
  concurrency: number;
  leaseSeconds: number;
  runOnStartup: boolean;
  /** `vcf.sync.instanceId`; the dispatcher uses the host name when it is not set. */
  instanceId?: string;
  /** `vcf.sync.sddcManagerPageSize`: credentials per page of SDDC Manager's `GET /v1/credentials`. */
  sddcManagerPageSize: number;
}

function readTls(config: Config | undefined) {
  return {
    verify: config?.getOptionalBoolean('verify') ?? true,
    ca: config?.getOptionalString('ca'),
  };
}

/** The longest sync interval and rotate-after-reveal delay: one week, as the API allows. */
const MAX_MINUTES = 10_080;

/** `baseUrl` of an endpoint: an http(s) URL, as the API requires. */
function readBaseUrl(config: Config, where: string): string {
  const baseUrl = config.getString('baseUrl');
  let protocol: string | undefined;
  try {
    protocol = new URL(baseUrl).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new Error(
      `${where}.baseUrl "${baseUrl}" must be an http(s) URL, e.g. https://sddc-manager.example.com`,
    );
  }
  return baseUrl;
}

/** `intervalMinutes` of an endpoint: a whole number of minutes from 1 to 10080, as the API requires. */
function readIntervalMinutes(
  config: Config,
  where: string,
  defaultMinutes: number,
): number {
  const minutes = config.getOptionalNumber('intervalMinutes') ?? defaultMinutes;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_MINUTES) {
    throw new Error(
      `${where}.intervalMinutes must be a whole number from 1 to ${MAX_MINUTES}; got ${minutes}`,
    );
  }
  return minutes;
}

function readEndpoint(
  config: Config | undefined,
  where: string,
  defaultIntervalMinutes: number,
): EndpointDefinition | undefined {
  if (!config) return undefined;
  return {
    baseUrl: readBaseUrl(config, where),
    username: config.getString('username'),
    password: config.getString('password'),
    tls: readTls(config.getOptionalConfig('tls')),
    intervalMinutes: readIntervalMinutes(config, where, defaultIntervalMinutes),
  };
}

function checkId(id: string, where: string) {
  if (!isValidVcfId(id)) {
    throw new Error(`${where} id "${id}" must be ${VCF_ID_HINT}`);
  }
}

function readRotateAfterReveal(
  config: Config | undefined,
  id: string,
): RotateAfterRevealSettings | undefined {
  if (!config) return undefined;
  const afterMinutes = config.getNumber('afterMinutes');
  if (
    !Number.isInteger(afterMinutes) ||
    afterMinutes < 1 ||
    afterMinutes > MAX_MINUTES
  ) {
    throw new Error(
      `vcf.environments[${id}].rotateAfterReveal.afterMinutes must be a whole number from 1 to ${MAX_MINUTES}`,
    );
  }
  const resourceTypes = config.getStringArray('resourceTypes');
  if (resourceTypes.length === 0) {
    throw new Error(
      `vcf.environments[${id}].rotateAfterReveal.resourceTypes must name at least one resource type`,
    );
  }
  return { afterMinutes, resourceTypes };
}

/** Reads `vcf.environments` from config. */
export function readEnvironmentsFromConfig(
  config: Config,
): EnvironmentDefinition[] {
  const seen = new Set<string>();
  return (config.getOptionalConfigArray('vcf.environments') ?? []).map(env => {
    const id = env.getString('id');
    checkId(id, 'vcf.environments[]');
    if (seen.has(id)) {
      throw new Error(`vcf.environments[] has the id "${id}" twice`);
    }
    seen.add(id);
    return {
      id,
      title: env.getOptionalString('title') ?? id,
      description: env.getOptionalString('description'),
      owner: env.getOptionalString('owner'),
      discoverVcenters: env.getOptionalBoolean('discoverVcenters') ?? false,
      rotateAfterReveal: readRotateAfterReveal(
        env.getOptionalConfig('rotateAfterReveal'),
        id,
      ),
      endpoints: {
        'sddc-manager': readEndpoint(
          env.getOptionalConfig('sddcManager'),
          `vcf.environments[${id}].sddcManager`,
          30,
        ),
        installer: readEndpoint(
          env.getOptionalConfig('installer'),
          `vcf.environments[${id}].installer`,
          30,
        ),
      },
    };
  });
}

/** Reads `vcf.vcenters` from config. */
export function readVcentersFromConfig(config: Config): VcenterDefinition[] {
  const seen = new Set<string>();
  return (config.getOptionalConfigArray('vcf.vcenters') ?? []).map(vc => {
    const id = vc.getString('id');
    checkId(id, 'vcf.vcenters[]');
    if (seen.has(id)) {
      throw new Error(`vcf.vcenters[] has the id "${id}" twice`);
    }
    seen.add(id);
    return {
      id,
      title: vc.getOptionalString('title') ?? id,
      baseUrl: readBaseUrl(vc, `vcf.vcenters[${id}]`),
      username: vc.getString('username'),
      password: vc.getString('password'),
      environmentId: vc.getOptionalString('environment'),
      owner: vc.getOptionalString('owner'),
      enabled: vc.getOptionalBoolean('enabled') ?? true,
      tls: readTls(vc.getOptionalConfig('tls')),
      intervalMinutes: readIntervalMinutes(vc, `vcf.vcenters[${id}]`, 15),
    };
  });
}

function readPositiveInteger(config: Config, key: string, fallback: number) {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${key} must be a whole number, at least 1; got ${value}`);
  }
  return value;
}

/** Reads `vcf.sync`. */
export function readSyncSettings(config: Config): SyncSettings {
  return {
    concurrency: readPositiveInteger(config, 'vcf.sync.concurrency', 4),
    leaseSeconds: readPositiveInteger(config, 'vcf.sync.leaseSeconds', 300),
    runOnStartup: config.getOptionalBoolean('vcf.sync.runOnStartup') ?? true,
    instanceId: config.getOptionalString('vcf.sync.instanceId'),
    sddcManagerPageSize: readPositiveInteger(
      config,
      'vcf.sync.sddcManagerPageSize',
      500,
    ),
  };
}

/** Reads `vcf.permissions.decisionCacheSeconds` (default 2; 0, which turns the reuse off, to 60). */
export function readDecisionCacheSeconds(config: Config): number {
  const key = 'vcf.permissions.decisionCacheSeconds';
  const seconds = config.getOptionalNumber(key) ?? 2;
  if (!(seconds >= 0 && seconds <= 60)) {
    throw new Error(`${key} must be between 0 and 60; got ${seconds}`);
  }
  return seconds;
}

/** Reads `vcf.inventory.changes.retentionDays` (default 90, at least 1). */
export function readInventoryChangeRetentionDays(config: Config): number {
  const days =
    config.getOptionalNumber('vcf.inventory.changes.retentionDays') ?? 90;
  if (!Number.isInteger(days) || days < 1) {
    throw new Error(
      `vcf.inventory.changes.retentionDays must be a whole number of days, at least 1; got ${days}`,
    );
  }
  return days;
}
