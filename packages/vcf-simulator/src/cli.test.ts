import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { httpsRequest } from './__testUtils__/httpsRequest';

const packageDir = resolve(__dirname, '..');
const runTs = resolve(packageDir, '../../scripts/run-ts.js');

function startCli(args: string[]): ChildProcess {
  return spawn(process.execPath, [runTs, 'src/cli.ts', ...args], {
    cwd: packageDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function firstLine(child: ChildProcess): Promise<string> {
  const lines = createInterface({ input: child.stdout! });
  const stderr: string[] = [];
  child.stderr!.on('data', chunk => stderr.push(String(chunk)));
  const [line] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(() => {
      throw new Error(`CLI exited early: ${stderr.join('')}`);
    }),
  ])) as [string];
  return line;
}

describe('vcf-simulator CLI', () => {
  it('prints its URLs and service accounts as one JSON line, serves them, and stops on SIGTERM', async () => {
    const child = startCli([
      '--environments',
      '2',
      '--credentials-per-environment',
      '40',
      '--seed',
      'cli',
    ]);
    try {
      const ready = JSON.parse(await firstLine(child));
      expect(ready.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(ready.adminUrl).toBe(`${ready.url}/_simulator`);
      expect(ready.certificatePem).toContain('BEGIN CERTIFICATE');
      expect(ready.environments.map((e: any) => e.id)).toEqual([
        'vcf01',
        'vcf02',
      ]);

      const [environment] = ready.environments;
      expect(environment.sddcManagerUrl).toBe(
        `${ready.url}/env/vcf01/sddc-manager`,
      );
      const login = await httpsRequest(
        `${environment.sddcManagerUrl}/v1/tokens`,
        {
          method: 'POST',
          ca: ready.certificatePem,
          body: environment.sddcManagerServiceAccount,
        },
      );
      expect(login.status).toBe(201);
      const page = await httpsRequest(
        `${environment.sddcManagerUrl}/v1/credentials`,
        {
          ca: ready.certificatePem,
          headers: { Authorization: `Bearer ${login.json().accessToken}` },
        },
      );
      expect(page.json().pageMetadata.totalElements).toBe(40);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('exits with status 2 and a message on a bad flag', async () => {
    const child = startCli(['--error-rate', '7']);
    const stderr: string[] = [];
    child.stderr!.on('data', chunk => stderr.push(String(chunk)));
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stderr.join('')).toContain('errorRate must be a number from 0 to 1');
  });
});
