import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createVcfTestDatabases } from '../__testUtils__/vcfTestDatabases';
import { upstreamCredential } from '../__testUtils__/credentialFixtures';
import { SecretCipher } from '../crypto/SecretCipher';
import { DatabaseCredentialStore } from '../credentials/DatabaseCredentialStore';
import { vcfPlugin } from '../plugin';

/**
 * Sends malformed requests to every operation of openapi.yaml (so routes added later are fuzzed too) and checks
 * that each is refused with a 4xx that has a message and carries no stack, path, SQL or secret.
 */

const SECRETS = {
  endpointPassword: 'CANARY-endpoint-91f3',
  vcenterPassword: 'CANARY-vcenter-5b2e',
  credentialPassword: 'CANARY-credential-c07a',
};
const ENCRYPTION_KEY = randomBytes(32);
const PROTOTYPE_NAMES = [
  'constructor',
  '__proto__',
  'toString',
  'valueOf',
  'hasOwnProperty',
];
const REPO_ROOT = resolve(__dirname, '../../../..');

interface Operation {
  method: 'get' | 'post' | 'put' | 'delete';
  template: string;
  pathParams: string[];
  queryParams: string[];
  requiredQuery: Record<string, string>;
  hasBody: boolean;
}

interface FuzzRequest {
  name: string;
  method: Operation['method'];
  url: string;
  body?: string;
  token?: string | null;
  /**
   * Refused by Backstage's auth barrier before the plugin's router: the app's root error handler answers, and
   * whether it shows stacks is the app's setting (packages/backend turns them off, see rootHttpRouter.ts).
   */
  refusedBeforePlugin?: boolean;
}

function loadOperations(): Operation[] {
  const document = parse(
    readFileSync(join(__dirname, '../schema/openapi.yaml'), 'utf8'),
  );
  const resolveRef = (p: any) =>
    p.$ref
      ? p.$ref
          .split('/')
          .slice(1)
          .reduce((node: any, key: string) => node[key], document)
      : p;
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries<any>(document.paths)) {
    if (template === '/health') continue; // open and without input
    for (const method of ['get', 'post', 'put', 'delete'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const parameters = [
        ...(item.parameters ?? []),
        ...(operation.parameters ?? []),
      ].map(resolveRef);
      const query = parameters.filter(p => p.in === 'query');
      operations.push({
        method,
        template,
        pathParams: parameters.filter(p => p.in === 'path').map(p => p.name),
        queryParams: query.map(p => p.name),
        requiredQuery: Object.fromEntries(
          query
            .filter(p => p.required)
            .map(p => [
              p.name,
              String(p.schema?.enum?.[0] ?? p.schema?.default ?? 'x'),
            ]),
        ),
        hasBody: method === 'post' || method === 'put',
      });
    }
  }
  return operations;
}

/** Valid values for path parameters, so that each request below has exactly the defect it names. */
function validPathValue(
  template: string,
  name: string,
  credentialId: string,
): string {
  if (name === 'kind') return 'vms';
  if (template.startsWith('/credentials/')) return credentialId;
  if (template.startsWith('/vcenters/')) return 'vc-fuzz';
  return 'env-fuzz';
}

function validBody(template: string): Record<string, unknown> | undefined {
  if (template.startsWith('/environments')) {
    return {
      id: 'env-new',
      title: 'New',
      sddcManager: {
        baseUrl: 'https://sddc.example.test',
        username: 'svc',
        password: 'pw',
      },
    };
  }
  if (template.startsWith('/vcenters')) {
    return {
      id: 'vc-new',
      title: 'New',
      baseUrl: 'https://vc.example.test',
      username: 'svc',
    };
  }
  return undefined;
}

function queryString(entries: Array<[string, string]>): string {
  return entries.length
    ? `?${entries.map(([k, v]) => `${k}=${v}`).join('&')}`
    : '';
}

function malformedRequests(
  operation: Operation,
  credentialId: string,
): FuzzRequest[] {
  const { method, template } = operation;
  const path = (override: Record<string, string> = {}) =>
    operation.pathParams.reduce(
      (url, name) =>
        url.replace(
          `{${name}}`,
          override[name] ??
            encodeURIComponent(validPathValue(template, name, credentialId)),
        ),
      template,
    );
  const required = Object.entries(operation.requiredQuery);
  const url = (
    extra: Array<[string, string]> = [],
    override?: Record<string, string>,
  ) => `${path(override)}${queryString([...required, ...extra])}`;
  const label = `${method.toUpperCase()} ${template}`;
  const list: FuzzRequest[] = [];
  const add = (name: string, r: Omit<FuzzRequest, 'name' | 'method'>) =>
    list.push({ name: `${label}: ${name}`, method, ...r });

  // Identity: nobody, garbage, a forged unsigned token.
  const forged = [
    Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString(
      'base64url',
    ),
    Buffer.from(
      JSON.stringify({
        sub: 'user:default/admin',
        ent: ['user:default/admin'],
      }),
    ).toString('base64url'),
    '',
  ].join('.');
  add('no token', { url: url(), token: null, refusedBeforePlugin: true });
  add('garbage token', {
    url: url(),
    token: 'Bearer not-a-token',
    refusedBeforePlugin: true,
  });
  add('forged token', {
    url: url(),
    token: `Bearer ${forged}`,
    refusedBeforePlugin: true,
  });

  // Path parameters: prototype names, unknown ids, NUL bytes, very long values.
  for (const name of operation.pathParams) {
    for (const value of [
      ...PROTOTYPE_NAMES,
      'nope',
      'a%00b',
      'x'.repeat(300),
    ]) {
      add(`${name}=${value.slice(0, 20)}`, { url: url([], { [name]: value }) });
    }
  }

  // Query parameters the operation declares.
  const declared = new Set(operation.queryParams);
  if (declared.has('orderBy')) {
    for (const value of PROTOTYPE_NAMES)
      add(`orderBy=${value}`, { url: url([['orderBy', value]]) });
    add('orderBy=bogus', { url: url([['orderBy', 'bogus']]) });
  }
  for (const name of ['offset', 'limit'].filter(n => declared.has(n))) {
    for (const value of ['0x10', '1e2', '-1', '99999999999', '1.5', 'ten']) {
      add(`${name}=${value}`, { url: url([[name, value]]) });
    }
  }
  for (const name of operation.queryParams.filter(
    n => !(n in operation.requiredQuery),
  )) {
    add(`${name} with NUL`, { url: url([[name, 'a%00b']]) });
    add(`${name} twice`, {
      url: url([
        [name, 'a'],
        [name, 'b'],
      ]),
    });
    add(`${name} as object`, { url: url([[`${name}[a]`, '1']]) });
  }
  if (operation.queryParams.length)
    add('unknown query field', { url: url([['isAdmin', 'true']]) });

  // Bodies.
  if (operation.hasBody) {
    const base = validBody(template);
    add('bad JSON', { url: url(), body: '{"id": "x",' });
    add('JSON array', { url: url(), body: '[]' });
    add('unknown field', {
      url: url(),
      body: JSON.stringify({
        ...(base ?? {}),
        managedBy: 'config',
        isAdmin: true,
      }),
    });
    if (base) {
      add('NUL in title', {
        url: url(),
        body: JSON.stringify({ ...base, title: 'a\u0000b' }),
      });
      add('title of the wrong type', {
        url: url(),
        body: JSON.stringify({ ...base, title: 5 }),
      });
      add('id of the wrong type', {
        url: url(),
        body: JSON.stringify({ ...base, id: { $ne: 1 } }),
      });
      add('__proto__ field', {
        url: url(),
        body: `{"__proto__": {"isAdmin": true}, ${JSON.stringify(base).slice(
          1,
        )}`,
      });
      const withEndpoint = (change: Record<string, unknown>) =>
        template.startsWith('/environments')
          ? {
              ...base,
              sddcManager: { ...(base.sddcManager as object), ...change },
            }
          : { ...base, ...change };
      for (const interval of [1e12, -1, 1.5, '10']) {
        add(`intervalMinutes=${interval}`, {
          url: url(),
          body: JSON.stringify(withEndpoint({ intervalMinutes: interval })),
        });
      }
      add('tls.ca not a PEM', {
        url: url(),
        body: JSON.stringify(withEndpoint({ tls: { ca: 'not a pem' } })),
      });
      add('tls with an unknown field', {
        url: url(),
        body: JSON.stringify(
          withEndpoint({ tls: { verify: false, insecure: true } }),
        ),
      });
      add('baseUrl not http', {
        url: url(),
        // eslint-disable-next-line no-script-url -- a script URL is the malformed input under test
        body: JSON.stringify(withEndpoint({ baseUrl: 'javascript:alert(1)' })),
      });
    }
  }
  return list;
}

const databases = createVcfTestDatabases();

describe.each(databases.eachSupportedId())(
  'malformed requests on %p',
  databaseId => {
    const previousNodeEnv = process.env.NODE_ENV;

    afterAll(() => {
      process.env.NODE_ENV = previousNodeEnv;
    });

    it('answers every malformed request to every route of openapi.yaml with a clean 4xx', async () => {
      const knex = await databases.init(databaseId);
      // As `yarn start` runs the backend: Backstage shows stack traces in development.
      process.env.NODE_ENV = 'development';
      const endpoint = {
        baseUrl: 'https://127.0.0.1:9',
        username: 'svc@vsphere.local',
        password: SECRETS.endpointPassword,
      };
      const backend = await startTestBackend({
        features: [
          vcfPlugin,
          mockServices.database.factory({ knex }),
          // A request without a token is anonymous, not the mock user.
          mockServices.httpAuth.factory({
            defaultCredentials: mockCredentials.none(),
          }),
          mockServices.rootConfig.factory({
            data: {
              vcf: {
                encryption: { key: ENCRYPTION_KEY.toString('base64') },
                sync: { runOnStartup: false },
                environments: [
                  { id: 'env-fuzz', title: 'Fuzz', sddcManager: endpoint },
                ],
                vcenters: [
                  {
                    id: 'vc-fuzz',
                    baseUrl: 'https://127.0.0.1:9',
                    username: 'svc',
                    password: SECRETS.vcenterPassword,
                  },
                ],
              },
            },
          }),
        ],
      });
      try {
        const credentials = DatabaseCredentialStore.create({
          db: knex,
          cipher: new SecretCipher(ENCRYPTION_KEY),
        });
        await credentials.replaceSourceSet({
          environmentId: 'env-fuzz',
          source: 'sddc-manager',
          credentials: [
            upstreamCredential(1, { password: SECRETS.credentialPassword }),
          ],
        });
        const credentialId = (
          await credentials.list({ environmentId: 'env-fuzz', query: {} })
        ).items[0].id;

        const requests = loadOperations().flatMap(operation =>
          malformedRequests(operation, credentialId),
        );
        expect(requests.length).toBeGreaterThanOrEqual(300);

        const problems: string[] = [];
        for (const r of requests) {
          let call = request(backend.server)[r.method](`/api/vcf${r.url}`);
          if (r.token !== null)
            call = call.set(
              'Authorization',
              r.token ?? mockCredentials.user.header(),
            );
          if (r.body !== undefined)
            call = call.set('Content-Type', 'application/json').send(r.body);
          const res = await call;
          const text = res.text ?? '';
          const message = res.body?.error?.message;
          if (res.status < 400 || res.status > 499)
            problems.push(`${r.name}: status ${res.status}`);
          if (typeof message !== 'string' || !message)
            problems.push(`${r.name}: no error message`);
          if (r.refusedBeforePlugin && res.status !== 401)
            problems.push(`${r.name}: not 401`);
          if (
            !r.refusedBeforePlugin &&
            /"stack"|\n\s+at |\\n\s+at /.test(text)
          ) {
            problems.push(`${r.name}: stack trace`);
          }
          if (!r.refusedBeforePlugin && text.includes(REPO_ROOT))
            problems.push(`${r.name}: absolute path`);
          if (
            /\b(select\b.*\bfrom|insert into|update\s+\S+\s+set|delete from)\b/i.test(
              text,
            )
          ) {
            problems.push(`${r.name}: SQL`);
          }
          for (const secret of [
            ...Object.values(SECRETS),
            ENCRYPTION_KEY.toString('base64'),
          ]) {
            if (text.includes(secret)) problems.push(`${r.name}: secret`);
          }
        }
        expect(problems).toEqual([]);
      } finally {
        await backend.stop();
      }
    });
  },
);
