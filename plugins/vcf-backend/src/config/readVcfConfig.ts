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
 * @public
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
 * @public
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
 * @public
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
 * @public
 */
export interface SyncSettings {
  concurrency: number;
  leaseSeconds: number;
  runOnStartup: boolean;
  /** `vcf.sync.instanceId`; the dispatcher uses the host name when it is not set. */
  instanceId?: string;
}

function readTls(config: Config | undefined) {
  return {
    verify: config?.getOptionalBoolean('verify') ?? true,
    ca: config?.getOptionalString('ca'),
  };
}

function readEndpoint(
  config: Config | undefined,
  defaultIntervalMinutes: number,
): EndpointDefinition | undefined {
  if (!config) return undefined;
  return {
    baseUrl: config.getString('baseUrl'),
    username: config.getString('username'),
    password: config.getString('password'),
    tls: readTls(config.getOptionalConfig('tls')),
    intervalMinutes:
      config.getOptionalNumber('intervalMinutes') ?? defaultIntervalMinutes,
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
    afterMinutes > 10_080
  ) {
    throw new Error(
      `vcf.environments[${id}].rotateAfterReveal.afterMinutes must be a whole number from 1 to 10080`,
    );
  }
  return {
    afterMinutes,
    resourceTypes: config.getStringArray('resourceTypes'),
  };
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
        'sddc-manager': readEndpoint(env.getOptionalConfig('sddcManager'), 30),
        installer: readEndpoint(env.getOptionalConfig('installer'), 30),
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
      baseUrl: vc.getString('baseUrl'),
      username: vc.getString('username'),
      password: vc.getString('password'),
      environmentId: vc.getOptionalString('environment'),
      owner: vc.getOptionalString('owner'),
      enabled: vc.getOptionalBoolean('enabled') ?? true,
      tls: readTls(vc.getOptionalConfig('tls')),
      intervalMinutes: vc.getOptionalNumber('intervalMinutes') ?? 15,
    };
  });
}

/** Reads `vcf.sync`. */
export function readSyncSettings(config: Config): SyncSettings {
  return {
    concurrency: config.getOptionalNumber('vcf.sync.concurrency') ?? 4,
    leaseSeconds: config.getOptionalNumber('vcf.sync.leaseSeconds') ?? 300,
    runOnStartup: config.getOptionalBoolean('vcf.sync.runOnStartup') ?? true,
    instanceId: config.getOptionalString('vcf.sync.instanceId'),
  };
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
