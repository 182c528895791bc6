import { describeWithSpecs } from '../__testUtils__/describeWithSpecs';
import { TestApiClient } from '../__testUtils__/httpsRequest';
import { installerRoutes } from '../http/installerRoutes';
import { sddcManagerRoutes } from '../http/sddcManagerRoutes';
import type { SpecRoute } from '../http/SpecRoute';
import {
  createSpecValidator,
  SPEC_FILES,
  type SpecValidator,
} from '../spec/createSpecValidator';
import { startVcfSimulator } from './startVcfSimulator';
import type {
  SimulatedEnvironment,
  SimulatedService,
  VcfSimulator,
  VcfSpecFlavor,
} from './types';

/** The spec each service of each flavor is checked against. */
const SPEC_OF: Record<VcfSpecFlavor, Record<SimulatedService, string>> = {
  vcf9: {
    'sddc-manager': SPEC_FILES.sddcManager,
    installer: SPEC_FILES.installer,
  },
  // VCF 5.2 has no VCF Installer: Cloud Builder's /v1/sddcs APIs are in the 5.2.1 spec.
  'vcf5.2': {
    'sddc-manager': SPEC_FILES.sddcManagerVcf52,
    installer: SPEC_FILES.sddcManagerVcf52,
  },
};

/** Served on purpose although the spec lacks them (see installerRoutes). */
const NOT_IN_SPEC: Record<VcfSpecFlavor, string[]> = {
  vcf9: [],
  'vcf5.2': ['get /v1/sddcs/{id}/spec'],
};

const ROUTES_OF: Record<SimulatedService, SpecRoute[]> = {
  'sddc-manager': sddcManagerRoutes,
  installer: installerRoutes,
};

interface ExampleCall {
  path: string;
  body?: unknown;
  /** Expected status (default 201 for POST, 200 otherwise). */
  status?: number;
}

interface ExampleContext {
  client: TestApiClient;
  environment: SimulatedEnvironment;
  simulator: VcfSimulator;
}

/** A `CredentialsUpdateSpec` that rotates the n-th credential of the environment. */
function rotationSpec(context: ExampleContext, index: number) {
  const credential = context.simulator.listCredentials(context.environment.id)[
    index
  ];
  return {
    operationType: 'ROTATE',
    elements: [
      {
        resourceName: credential.resource.resourceName,
        resourceType: credential.resource.resourceType,
        credentials: [
          {
            credentialType: credential.credentialType,
            username: credential.username,
          },
        ],
      },
    ],
  };
}

/** Starts a rotation of the n-th credential and polls it `polls` times; returns the task id. */
async function startRotation(
  context: ExampleContext,
  index: number,
  polls: number,
): Promise<string> {
  const started = await context.client.request('/v1/credentials', {
    method: 'PATCH',
    body: rotationSpec(context, index),
  });
  expect(started.status).toBe(202);
  const { id } = started.json();
  for (let i = 0; i < polls; i++) {
    await context.client.getJson(`/v1/credentials/tasks/${id}`);
  }
  return id;
}

/** Starts a rotation that fails at its first poll; returns the failed task's id. */
async function failedRotation(context: ExampleContext, index: number) {
  const scope = { environmentId: context.environment.id };
  context.simulator.setFaults(
    { credentialTaskOutcome: 'FAILED', credentialTaskPolls: 0 },
    scope,
  );
  try {
    return await startRotation(context, index, 1);
  } finally {
    context.simulator.setFaults(
      { credentialTaskOutcome: 'SUCCESSFUL', credentialTaskPolls: 2 },
      scope,
    );
  }
}

/** A real request for every served operation; a route without one fails the coverage test. */
const EXAMPLE_CALLS: Record<
  string,
  (context: ExampleContext) => Promise<ExampleCall>
> = {
  'post /v1/tokens': async ({ environment, client }) => ({
    path: '/v1/tokens',
    body:
      client.baseUrl === environment.sddcManagerUrl
        ? environment.sddcManagerServiceAccount
        : environment.installerServiceAccount,
  }),
  'patch /v1/tokens/access-token/refresh': async ({ client }) => {
    const login = await client.login();
    return {
      path: '/v1/tokens/access-token/refresh',
      body: JSON.stringify(login.json().refreshToken.id),
    };
  },
  'get /v1/credentials': async () => ({
    path: '/v1/credentials?pageNumber=1&pageSize=25&accountType=USER',
  }),
  'get /v1/credentials/{id}': async ({ simulator, environment }) => ({
    path: `/v1/credentials/${simulator.listCredentials(environment.id)[7].id}`,
  }),
  'patch /v1/credentials': async context => ({
    path: '/v1/credentials',
    body: rotationSpec(context, 10),
    status: 202,
  }),
  // The third poll sees the finished task, sub-tasks with both passwords included.
  'get /v1/credentials/tasks/{id}': async context => ({
    path: `/v1/credentials/tasks/${await startRotation(context, 11, 2)}`,
  }),
  'patch /v1/credentials/tasks/{id}': async context => ({
    path: `/v1/credentials/tasks/${await failedRotation(context, 12)}`,
    body: rotationSpec(context, 12),
    status: 202,
  }),
  'delete /v1/credentials/tasks/{id}': async context => ({
    path: `/v1/credentials/tasks/${await failedRotation(context, 13)}`,
    status: 202,
  }),
  'post /v1/credentials/expirations': async () => ({
    path: '/v1/credentials/expirations',
    body: { resourceType: 'ESXI' },
    status: 202,
  }),
  'get /v1/credentials/expirations/{id}': async ({ client }) => {
    const started = await client.request('/v1/credentials/expirations', {
      method: 'POST',
      body: { resourceType: 'VCENTER' },
    });
    const { id } = started.json();
    await client.getJson(`/v1/credentials/expirations/${id}`);
    await client.getJson(`/v1/credentials/expirations/${id}`);
    return { path: `/v1/credentials/expirations/${id}` };
  },
  'get /v1/vcenters': async () => ({ path: '/v1/vcenters' }),
  'get /v1/vcenters/{id}': async ({ client }) => ({
    path: `/v1/vcenters/${
      (await client.getJson('/v1/vcenters')).elements[1].id
    }`,
  }),
  'get /v1/domains': async () => ({ path: '/v1/domains' }),
  'get /v1/domains/{id}': async ({ client }) => ({
    path: `/v1/domains/${(await client.getJson('/v1/domains')).elements[0].id}`,
  }),
  'get /v1/sddc-managers': async () => ({ path: '/v1/sddc-managers' }),
  'get /v1/system/appliance-info': async () => ({
    path: '/v1/system/appliance-info',
  }),
  'get /v1/sddcs': async () => ({ path: '/v1/sddcs' }),
  'get /v1/sddcs/{id}': async ({ environment }) => ({
    path: `/v1/sddcs/${environment.sddcTaskId}`,
  }),
  'get /v1/sddcs/{id}/spec': async ({ environment }) => ({
    path: `/v1/sddcs/${environment.sddcTaskId}/spec`,
  }),
};

function routeKey(route: SpecRoute): string {
  return `${route.method} ${route.path}`;
}

function servedRoutes(service: SimulatedService, flavor: VcfSpecFlavor) {
  return ROUTES_OF[service].filter(
    r => !r.flavors || r.flavors.includes(flavor),
  );
}

/** Every password field the README of the specs lists for the deployment spec. */
const SDDC_SPEC_PASSWORD_PATHS: Record<VcfSpecFlavor, string[]> = {
  vcf9: [
    'hostSpecs.0.credentials.password',
    'vcenterSpec.rootVcenterPassword',
    'vcenterSpec.adminUserSsoPassword',
    'nsxtSpec.rootNsxtManagerPassword',
    'nsxtSpec.nsxtAdminPassword',
    'nsxtSpec.nsxtAuditPassword',
    'sddcManagerSpec.rootPassword',
    'sddcManagerSpec.sshPassword',
    'sddcManagerSpec.localUserPassword',
    'vcfOperationsSpec.adminUserPassword',
    'vcfOperationsSpec.nodes.0.rootUserPassword',
    'vcfOperationsFleetManagementSpec.rootUserPassword',
    'vcfOperationsFleetManagementSpec.adminUserPassword',
    'vcfOperationsCollectorSpec.rootUserPassword',
    'vcfAutomationSpec.adminUserPassword',
  ],
  'vcf5.2': [
    'hostSpecs.0.credentials.password',
    'vcenterSpec.rootVcenterPassword',
    'pscSpecs.0.adminUserSsoPassword',
    'nsxtSpec.rootNsxtManagerPassword',
    'nsxtSpec.nsxtAdminPassword',
    'nsxtSpec.nsxtAuditPassword',
    'sddcManagerSpec.rootUserCredentials.password',
    'sddcManagerSpec.secondUserCredentials.password',
    'sddcManagerSpec.localUserPassword',
  ],
};

function valueAt(object: unknown, dottedPath: string): unknown {
  return dottedPath
    .split('.')
    .reduce<any>(
      (value, key) => (value === undefined ? undefined : value[key]),
      object,
    );
}

describeWithSpecs('simulator contract with the official specs', () => {
  let simulator: VcfSimulator;
  const validators = new Map<string, SpecValidator>();
  const validatorFor = (file: string) => {
    if (!validators.has(file)) {
      // Closed object schemas: a field name the spec does not know is an error.
      validators.set(
        file,
        createSpecValidator(file, { rejectUnknownProperties: true }),
      );
    }
    return validators.get(file)!;
  };

  beforeAll(async () => {
    simulator = await startVcfSimulator({
      seed: 'contract',
      environments: [
        { id: 'nine', specFlavor: 'vcf9', credentialCount: 150 },
        { id: 'five', specFlavor: 'vcf5.2', credentialCount: 150 },
      ],
    });
  });
  afterAll(() => simulator.stop());

  const cases: Array<[VcfSpecFlavor, SimulatedService]> = [
    ['vcf9', 'sddc-manager'],
    ['vcf9', 'installer'],
    ['vcf5.2', 'sddc-manager'],
    ['vcf5.2', 'installer'],
  ];

  describe.each(cases)('%s %s', (flavor, service) => {
    const environment = () =>
      simulator.environments.find(e => e.specFlavor === flavor)!;
    const client = () =>
      service === 'sddc-manager'
        ? TestApiClient.forSddcManager(simulator, environment())
        : TestApiClient.forInstaller(simulator, environment());

    it('serves only operations the spec defines, each with an example call here', () => {
      const validator = validatorFor(SPEC_OF[flavor][service]);
      for (const route of servedRoutes(service, flavor)) {
        expect(EXAMPLE_CALLS[routeKey(route)]).toBeDefined();
        const concretePath = route.path.replace(/\{[^}]+\}/g, 'some-id');
        const operation = validator.findOperation(route.method, concretePath);
        const isExtension = NOT_IN_SPEC[flavor].includes(routeKey(route));
        expect({
          route: routeKey(route),
          template: operation?.pathTemplate,
        }).toEqual({
          route: routeKey(route),
          template: isExtension ? undefined : route.path,
        });
      }
    });

    it('answers every served operation with a body that fits the spec', async () => {
      const validator = validatorFor(SPEC_OF[flavor][service]);
      const api = client();
      await api.login();
      const routes = servedRoutes(service, flavor);
      expect(routes.length).toBeGreaterThanOrEqual(
        service === 'installer' ? 5 : 9,
      );
      for (const route of routes) {
        const call = await EXAMPLE_CALLS[routeKey(route)]({
          client: api,
          environment: environment(),
          simulator,
        });
        const response = await api.request(call.path, {
          method: route.method.toUpperCase(),
          body: call.body,
        });
        expect({ call: call.path, status: response.status }).toEqual({
          call: call.path,
          status: call.status ?? (route.method === 'post' ? 201 : 200),
        });
        const body = response.json();
        const [path, search] = call.path.split('?');
        const query = Object.fromEntries(new URLSearchParams(search ?? ''));
        const requestBody =
          typeof call.body === 'string' ? JSON.parse(call.body) : call.body;
        const errors = NOT_IN_SPEC[flavor].includes(routeKey(route))
          ? validator.validateSchema('SddcSpec', body).errors
          : [
              ...validator.validateRequest(route.method, path, {
                query,
                body: requestBody,
              }).errors,
              ...validator.validateResponse(
                route.method,
                path,
                response.status,
                body,
              ).errors,
            ];
        expect(errors).toEqual([]);
      }
    });

    it('answers auth failures and unknown ids with the spec Error body', async () => {
      const validator = validatorFor(SPEC_OF[flavor][service]);
      const api = client();
      const unauthenticated = await api.request(
        service === 'sddc-manager' ? '/v1/credentials' : '/v1/sddcs',
      );
      expect(unauthenticated.status).toBe(401);
      expect(
        validator.validateSchema('Error', unauthenticated.json()).errors,
      ).toEqual([]);

      const badLogin = await api.request('/v1/tokens', {
        method: 'POST',
        body: { username: 'nobody', password: 'wrong' },
      });
      expect(badLogin.status).toBe(401);
      expect(validator.validateSchema('Error', badLogin.json()).errors).toEqual(
        [],
      );

      await api.login();
      const missing = await api.request(
        service === 'sddc-manager'
          ? '/v1/credentials/no-such-id'
          : '/v1/sddcs/no-such-id',
      );
      expect(missing.status).toBe(404);
      const missingPath =
        service === 'sddc-manager'
          ? '/v1/credentials/no-such-id'
          : '/v1/sddcs/no-such-id';
      expect(
        validator.validateResponse('get', missingPath, 404, missing.json())
          .errors,
      ).toEqual([]);
    });

    if (service === 'installer') {
      it('returns a deployment spec with every password field of the flavor', async () => {
        const api = client();
        await api.login();
        const spec = await api.getJson(
          `/v1/sddcs/${environment().sddcTaskId}/spec`,
        );
        for (const path of SDDC_SPEC_PASSWORD_PATHS[flavor]) {
          expect({ path, value: typeof valueAt(spec, path) }).toEqual({
            path,
            value: 'string',
          });
          expect(String(valueAt(spec, path)).length).toBeGreaterThanOrEqual(16);
        }
        const otherFlavor: VcfSpecFlavor =
          flavor === 'vcf9' ? 'vcf5.2' : 'vcf9';
        const foreignOnly = SDDC_SPEC_PASSWORD_PATHS[otherFlavor].filter(
          p => !SDDC_SPEC_PASSWORD_PATHS[flavor].includes(p),
        );
        for (const path of foreignOnly) {
          expect({ path, value: valueAt(spec, path) }).toEqual({
            path,
            value: undefined,
          });
        }
      });
    }
  });

  it('answers a simulated server error with a 500 the spec documents', async () => {
    const environment = simulator.environments[0];
    const validator = validatorFor(SPEC_OF.vcf9['sddc-manager']);
    const api = TestApiClient.forSddcManager(simulator, environment);
    await api.login();
    simulator.setFaults({ errorRate: 1 }, { environmentId: environment.id });
    try {
      const response = await api.request('/v1/credentials');
      expect(response.status).toBe(500);
      expect(
        validator.validateResponse(
          'get',
          '/v1/credentials',
          500,
          response.json(),
        ).errors,
      ).toEqual([]);
    } finally {
      simulator.resetFaults();
    }
  });
});
