import type { EnvironmentStateInput } from '../state/EnvironmentState';
import type { SimulatedEnvironmentOptions, VcfSimulatorOptions } from './types';

const DEFAULT_CREDENTIALS_PER_ENVIRONMENT = 120;
const DEFAULT_DOMAIN_COUNT = 3;
const ENVIRONMENT_ID = /^[A-Za-z0-9][A-Za-z0-9-]*$/;

/** Midnight UTC of today: dates move with the calendar but not within a day. */
export function startOfTodayUtc(): Date {
  const now = new Date();
  return new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()),
  );
}

/** Turns the simulator options into one fully specified input per environment. */
export function resolveEnvironmentInputs(
  options: VcfSimulatorOptions,
): EnvironmentStateInput[] {
  const seed = String(options.seed ?? 'vcf');
  const referenceDate = options.referenceDate ?? startOfTodayUtc();
  const perEnvironment: SimulatedEnvironmentOptions[] =
    typeof options.environments === 'number' ||
    options.environments === undefined
      ? Array.from({ length: options.environments ?? 1 }, () => ({}))
      : options.environments;
  if (perEnvironment.length === 0) {
    throw new Error('The simulator needs at least one environment');
  }

  const seen = new Set<string>();
  return perEnvironment.map((environment, position) => {
    const index = position + 1;
    const id = environment.id ?? `vcf${String(index).padStart(2, '0')}`;
    if (!ENVIRONMENT_ID.test(id)) {
      throw new Error(
        `Environment id "${id}" may contain only letters, digits and "-"`,
      );
    }
    if (seen.has(id)) {
      throw new Error(`Environment id "${id}" is used twice`);
    }
    seen.add(id);
    const credentialCount =
      environment.credentialCount ??
      options.credentialsPerEnvironment ??
      DEFAULT_CREDENTIALS_PER_ENVIRONMENT;
    if (!Number.isInteger(credentialCount) || credentialCount < 0) {
      throw new Error(
        `credentialCount of ${id} must be a non-negative integer`,
      );
    }
    return {
      seed,
      id,
      index,
      flavor: environment.specFlavor ?? options.specFlavor ?? 'vcf9',
      credentialCount,
      domainCount: environment.domainCount ?? DEFAULT_DOMAIN_COUNT,
      vcenters: environment.vcenters,
      referenceDate,
    };
  });
}
