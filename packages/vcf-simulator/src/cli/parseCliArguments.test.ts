import { parseCliArguments } from './parseCliArguments';

describe('parseCliArguments', () => {
  it('turns every flag into simulator options', () => {
    expect(
      parseCliArguments([
        '--port',
        '8443',
        '--host',
        '0.0.0.0',
        '--environments',
        '3',
        '--credentials-per-environment',
        '10000',
        '--seed',
        'demo',
        '--spec-flavor',
        'vcf5.2',
        '--latency-ms',
        '25',
        '--error-rate',
        '0.1',
        '--token-ttl-seconds',
        '30',
        '--malformed-json',
        '--truncated-page',
        'page-missing',
        '--hang',
        '--reject-service-account',
        '--password-rotations-per-login',
        '2',
      ]),
    ).toEqual({
      kind: 'start',
      options: {
        port: 8443,
        host: '0.0.0.0',
        environments: 3,
        credentialsPerEnvironment: 10000,
        seed: 'demo',
        specFlavor: 'vcf5.2',
        faults: {
          latencyMs: 25,
          errorRate: 0.1,
          tokenTtlSeconds: 30,
          malformedJson: true,
          truncatedPage: 'page-missing',
          hang: true,
          rejectServiceAccount: true,
          passwordRotationsPerLogin: 2,
        },
      },
    });
  });

  it('gives a bare --truncated-page the last-page-short mode', () => {
    const command = parseCliArguments(['--truncated-page', '--hang']);
    expect(command).toMatchObject({
      kind: 'start',
      options: { faults: { truncatedPage: 'last-page-short', hang: true } },
    });
  });

  it('asks for help, and refuses unknown flags and bad values', () => {
    expect(parseCliArguments(['--help'])).toEqual({ kind: 'help' });
    expect(() => parseCliArguments(['--colour'])).toThrow(
      /Unknown option '--colour'/,
    );
    expect(() => parseCliArguments(['--environments', 'many'])).toThrow(
      '--environments needs a number, got "many"',
    );
    expect(() => parseCliArguments(['--spec-flavor', 'vcf4'])).toThrow(
      '--spec-flavor must be vcf9 or vcf5.2',
    );
    expect(() => parseCliArguments(['--truncated-page=sometimes'])).toThrow(
      '--truncated-page must be last-page-short or page-missing',
    );
  });
});
