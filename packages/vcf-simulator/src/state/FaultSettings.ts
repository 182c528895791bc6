import type {
  CredentialTaskOutcome,
  FaultScope,
  SimulatedService,
  SimulatorFaults,
  TruncatedPageMode,
} from '../simulator/types';

/**
 * No faults at all.
 * @public
 */
export const NO_FAULTS: Readonly<SimulatorFaults> = Object.freeze({
  latencyMs: 0,
  errorRate: 0,
  tokenTtlSeconds: undefined,
  malformedJson: false,
  truncatedPage: 'off',
  hang: false,
  holdPagesFrom: undefined,
  rejectServiceAccount: false,
  passwordRotationsPerLogin: 0,
  paths: undefined,
  credentialTaskPolls: 2,
  credentialTaskOutcome: 'SUCCESSFUL',
});

const CREDENTIAL_TASK_OUTCOMES: CredentialTaskOutcome[] = [
  'SUCCESSFUL',
  'FAILED',
  'INCONSISTENT',
];

const TRUNCATED_PAGE_MODES: TruncatedPageMode[] = [
  'off',
  'last-page-short',
  'page-missing',
];
const SERVICES: SimulatedService[] = ['sddc-manager', 'installer'];

/** Thrown for a fault setting that makes no sense, e.g. an error rate of 2. */
export class InvalidFaultsError extends Error {
  name = 'InvalidFaultsError';
}

function requireNumber(
  key: string,
  value: unknown,
  min: number,
  max = Infinity,
): number {
  if (typeof value !== 'number' || !(value >= min && value <= max)) {
    throw new InvalidFaultsError(
      `${key} must be a number from ${min}${
        max === Infinity ? '' : ` to ${max}`
      }`,
    );
  }
  return value;
}

function requireBoolean(key: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new InvalidFaultsError(`${key} must be true or false`);
  }
  return value;
}

/**
 * Checks untrusted fault settings (from the admin endpoint or the CLI) and
 * returns them typed. `null` clears `tokenTtlSeconds`, `holdPagesFrom` and `paths`.
 */
export function parseFaults(input: unknown): Partial<SimulatorFaults> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidFaultsError('faults must be a JSON object');
  }
  const faults: Partial<SimulatorFaults> = {};
  for (const [key, value] of Object.entries(input)) {
    switch (key) {
      case 'latencyMs':
        faults.latencyMs = requireNumber(key, value, 0);
        break;
      case 'errorRate':
        faults.errorRate = requireNumber(key, value, 0, 1);
        break;
      case 'passwordRotationsPerLogin':
        faults.passwordRotationsPerLogin = requireNumber(key, value, 0);
        break;
      case 'credentialTaskPolls':
        faults.credentialTaskPolls = requireNumber(key, value, 0, 1000);
        break;
      case 'credentialTaskOutcome':
        if (
          !CREDENTIAL_TASK_OUTCOMES.includes(value as CredentialTaskOutcome)
        ) {
          throw new InvalidFaultsError(
            `credentialTaskOutcome must be one of ${CREDENTIAL_TASK_OUTCOMES.join(
              ', ',
            )}`,
          );
        }
        faults.credentialTaskOutcome = value as CredentialTaskOutcome;
        break;
      case 'holdPagesFrom':
        faults.holdPagesFrom =
          value === null || value === undefined
            ? undefined
            : requireNumber(key, value, 0);
        break;
      case 'tokenTtlSeconds':
        faults.tokenTtlSeconds =
          value === null || value === undefined
            ? undefined
            : requireNumber(key, value, 0);
        break;
      case 'malformedJson':
      case 'hang':
      case 'rejectServiceAccount':
        faults[key] = requireBoolean(key, value);
        break;
      case 'truncatedPage':
        if (!TRUNCATED_PAGE_MODES.includes(value as TruncatedPageMode)) {
          throw new InvalidFaultsError(
            `truncatedPage must be one of ${TRUNCATED_PAGE_MODES.join(', ')}`,
          );
        }
        faults.truncatedPage = value as TruncatedPageMode;
        break;
      case 'paths':
        if (value === null || value === undefined) {
          faults.paths = undefined;
        } else if (
          Array.isArray(value) &&
          value.every(p => typeof p === 'string' && p.startsWith('/'))
        ) {
          faults.paths = value;
        } else {
          throw new InvalidFaultsError(
            'paths must be a list of spec paths such as "/v1/credentials"',
          );
        }
        break;
      default:
        throw new InvalidFaultsError(`Unknown fault "${key}"`);
    }
  }
  return faults;
}

/** Checks an untrusted fault scope (admin endpoint query). */
export function parseFaultScope(input: {
  environmentId?: unknown;
  service?: unknown;
}): FaultScope {
  const scope: FaultScope = {};
  if (input.environmentId !== undefined) {
    if (typeof input.environmentId !== 'string') {
      throw new InvalidFaultsError('environmentId must be a string');
    }
    scope.environmentId = input.environmentId;
  }
  if (input.service !== undefined) {
    if (!SERVICES.includes(input.service as SimulatedService)) {
      throw new InvalidFaultsError(
        `service must be one of ${SERVICES.join(', ')}`,
      );
    }
    scope.service = input.service as SimulatedService;
  }
  return scope;
}

function scopeKey(scope: FaultScope): string {
  return `${scope.environmentId ?? '*'}/${scope.service ?? '*'}`;
}

/**
 * Fault settings in layers: everywhere, per service, per environment, per
 * service of one environment. A narrower layer overrides the fields it sets.
 */
export class FaultSettings {
  private readonly layers = new Map<string, Partial<SimulatorFaults>>();
  private changeWaiters: Array<() => void> = [];

  constructor(initial?: Partial<SimulatorFaults>) {
    if (initial) {
      this.set(initial, {});
    }
  }

  /** Sets fields in one layer; fields left out keep their value. */
  set(faults: Partial<SimulatorFaults>, scope: FaultScope = {}): void {
    const checked = parseFaults(faults);
    const key = scopeKey(scope);
    this.layers.set(key, { ...this.layers.get(key), ...checked });
    this.notifyChange();
  }

  /** Drops every layer. */
  reset(): void {
    this.layers.clear();
    this.notifyChange();
  }

  /** Resolves at the next change of any layer (what a held request waits for). */
  nextChange(): Promise<void> {
    return new Promise(resolve => this.changeWaiters.push(resolve));
  }

  private notifyChange() {
    const waiters = this.changeWaiters;
    this.changeWaiters = [];
    for (const wake of waiters) wake();
  }

  /** The faults in effect for a request to `service` of `environmentId`. */
  effective(scope: FaultScope = {}): SimulatorFaults {
    const keys = [
      scopeKey({}),
      scopeKey({ service: scope.service }),
      scopeKey({ environmentId: scope.environmentId }),
      scopeKey(scope),
    ];
    const result: SimulatorFaults = { ...NO_FAULTS };
    for (const key of new Set(keys)) {
      Object.assign(result, this.layers.get(key));
    }
    return result;
  }
}
