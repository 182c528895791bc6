import { parseArgs } from 'node:util';
import type {
  SimulatorFaults,
  TruncatedPageMode,
  VcfSimulatorOptions,
  VcfSpecFlavor,
} from '../simulator/types';

/** The usage text of the CLI. */
export const CLI_USAGE = `Usage: vcf-simulator [options]

  --port N                          listen port (default 0: a free one)
  --host ADDRESS                    listen address (default 127.0.0.1)
  --environments N                  number of environments (default 1)
  --credentials-per-environment N   credentials each SDDC Manager lists (default 120)
  --seed TEXT                       same seed, same data (default "vcf")
  --spec-flavor vcf9|vcf5.2         which VCF release to imitate (default vcf9)
  --latency-ms N                    delay every answer
  --error-rate R                    share 0..1 of calls answered 500
  --token-ttl-seconds N             access tokens expire after N seconds
  --malformed-json                  answer with JSON cut in half
  --truncated-page [MODE]           last-page-short (default) or page-missing
  --hang                            never answer API calls
  --reject-service-account          answer 401 to every login
  --password-rotations-per-login N  rotate N passwords on each login after the first
  --help                            show this text

Prints one JSON line with the URLs and service accounts when ready; stops on SIGTERM.`;

/** What the command line asked for. */
export type CliCommand =
  | { kind: 'help' }
  | { kind: 'start'; options: VcfSimulatorOptions };

const TRUNCATED_PAGE_MODES: TruncatedPageMode[] = [
  'last-page-short',
  'page-missing',
];

function toNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number)) {
    throw new Error(`--${flag} needs a number, got "${value}"`);
  }
  return number;
}

/** `--truncated-page` may come without a mode; give it the default one so parseArgs accepts it. */
function defaultTruncatedPageMode(argv: string[]): string[] {
  return argv.map((arg, i) =>
    arg === '--truncated-page' &&
    !TRUNCATED_PAGE_MODES.includes(argv[i + 1] as TruncatedPageMode)
      ? '--truncated-page=last-page-short'
      : arg,
  );
}

/** Parses the CLI arguments (without `node` and the script) into simulator options. */
export function parseCliArguments(argv: string[]): CliCommand {
  const { values } = parseArgs({
    args: defaultTruncatedPageMode(argv),
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      environments: { type: 'string' },
      'credentials-per-environment': { type: 'string' },
      seed: { type: 'string' },
      'spec-flavor': { type: 'string' },
      'latency-ms': { type: 'string' },
      'error-rate': { type: 'string' },
      'token-ttl-seconds': { type: 'string' },
      'malformed-json': { type: 'boolean' },
      'truncated-page': { type: 'string' },
      hang: { type: 'boolean' },
      'reject-service-account': { type: 'boolean' },
      'password-rotations-per-login': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    return { kind: 'help' };
  }

  const specFlavor = values['spec-flavor'];
  if (
    specFlavor !== undefined &&
    specFlavor !== 'vcf9' &&
    specFlavor !== 'vcf5.2'
  ) {
    throw new Error(
      `--spec-flavor must be vcf9 or vcf5.2, got "${specFlavor}"`,
    );
  }
  const truncatedPage = values['truncated-page'];
  if (
    truncatedPage !== undefined &&
    !TRUNCATED_PAGE_MODES.includes(truncatedPage as TruncatedPageMode)
  ) {
    throw new Error(
      `--truncated-page must be ${TRUNCATED_PAGE_MODES.join(' or ')}`,
    );
  }

  const faults: Partial<SimulatorFaults> = {};
  const latencyMs = toNumber('latency-ms', values['latency-ms']);
  if (latencyMs !== undefined) faults.latencyMs = latencyMs;
  const errorRate = toNumber('error-rate', values['error-rate']);
  if (errorRate !== undefined) faults.errorRate = errorRate;
  const ttl = toNumber('token-ttl-seconds', values['token-ttl-seconds']);
  if (ttl !== undefined) faults.tokenTtlSeconds = ttl;
  const rotations = toNumber(
    'password-rotations-per-login',
    values['password-rotations-per-login'],
  );
  if (rotations !== undefined) faults.passwordRotationsPerLogin = rotations;
  if (values['malformed-json']) faults.malformedJson = true;
  if (values.hang) faults.hang = true;
  if (values['reject-service-account']) faults.rejectServiceAccount = true;
  if (truncatedPage) faults.truncatedPage = truncatedPage as TruncatedPageMode;

  return {
    kind: 'start',
    options: {
      port: toNumber('port', values.port),
      host: values.host,
      environments: toNumber('environments', values.environments),
      credentialsPerEnvironment: toNumber(
        'credentials-per-environment',
        values['credentials-per-environment'],
      ),
      seed: values.seed,
      specFlavor: specFlavor as VcfSpecFlavor | undefined,
      faults,
    },
  };
}
