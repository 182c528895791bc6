import express, { type Response } from 'express';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { SeededRandom } from '../data/SeededRandom';
import { createAdminRouter } from '../http/createAdminRouter';
import { createServiceRouter } from '../http/createServiceRouter';
import { installerRoutes } from '../http/installerRoutes';
import { sddcManagerRoutes } from '../http/sddcManagerRoutes';
import { getTlsCertificate } from '../http/tlsCertificate';
import { EnvironmentState } from '../state/EnvironmentState';
import { FaultSettings } from '../state/FaultSettings';
import { NotFoundError } from '../state/NotFoundError';
import { resolveEnvironmentInputs } from './environmentInputs';
import type {
  SimulatedEnvironment,
  VcfSimulator,
  VcfSimulatorOptions,
} from './types';
import {
  ADMIN_BASE_PATH,
  installerBasePath,
  sddcManagerBasePath,
} from './urlLayout';

function listen(
  server: ReturnType<typeof createServer>,
  port: number,
  host: string,
): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function summarize(state: EnvironmentState, url: string): SimulatedEnvironment {
  return {
    id: state.id,
    specFlavor: state.flavor,
    sddcManagerUrl: `${url}${sddcManagerBasePath(state.id)}`,
    installerUrl: `${url}${installerBasePath(state.id)}`,
    sddcManagerServiceAccount: { ...state.serviceAccounts['sddc-manager'] },
    installerServiceAccount: { ...state.serviceAccounts.installer },
    sddcTaskId: state.sddcTask.id,
    managementDomainName: state.domains[0].name,
    domainNames: state.domains.map(d => d.name),
    vcenterFqdns: state.vcenters.map(v => v.fqdn),
    credentialCount: state.credentials.length,
  };
}

/**
 * Starts an HTTPS server that simulates one or more VCF environments, each with
 * an SDDC Manager API and a VCF Installer API that follow the official specs.
 *
 * @example
 * ```ts
 * const simulator = await startVcfSimulator({ environments: 2, credentialsPerEnvironment: 2500 });
 * const [env] = simulator.environments;
 * // POST `${env.sddcManagerUrl}/v1/tokens` with env.sddcManagerServiceAccount, trusting simulator.certificatePem
 * simulator.setFaults({ errorRate: 0.2 }, { environmentId: env.id });
 * await simulator.stop();
 * ```
 * @public
 */
export async function startVcfSimulator(
  options: VcfSimulatorOptions = {},
): Promise<VcfSimulator> {
  const host = options.host ?? '127.0.0.1';
  const seed = String(options.seed ?? 'vcf');
  const states = resolveEnvironmentInputs(options).map(
    input => new EnvironmentState(input),
  );
  const stateById = new Map(states.map(s => [s.id, s]));
  const environmentState = (id: string) => {
    const state = stateById.get(id);
    if (!state) {
      throw new NotFoundError(`No environment ${id}`);
    }
    return state;
  };

  const faultSettings = new FaultSettings(options.faults);
  const hangingResponses = new Set<Response>();
  const deps = {
    faultSettings,
    faultRandom: SeededRandom.forKey(seed, 'faults'),
    hangingResponses,
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  for (const state of states) {
    app.use(
      sddcManagerBasePath(state.id),
      createServiceRouter({
        environment: state,
        service: 'sddc-manager',
        routes: sddcManagerRoutes,
        deps,
      }),
    );
    app.use(
      installerBasePath(state.id),
      createServiceRouter({
        environment: state,
        service: 'installer',
        routes: installerRoutes,
        deps,
      }),
    );
  }

  const tls = getTlsCertificate(host);
  const server = createServer(
    { cert: tls.certificatePem, key: tls.privateKeyPem },
    app,
  );
  const address = await listen(server, options.port ?? 0, host);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `https://${urlHost}:${address.port}`;

  const simulator: VcfSimulator = {
    url,
    environments: states.map(state => summarize(state, url)),
    certificatePem: tls.certificatePem,
    setFaults: (faults, scope) => {
      if (scope?.environmentId) environmentState(scope.environmentId);
      faultSettings.set(faults, scope);
    },
    getFaults: scope => faultSettings.effective(scope),
    resetFaults: () => faultSettings.reset(),
    rotatePassword: (environmentId, credentialId) =>
      environmentState(environmentId).rotatePassword(credentialId),
    expireAccessTokens: environmentId => {
      const targets = environmentId
        ? [environmentState(environmentId)]
        : states;
      for (const state of targets) {
        state.tokens['sddc-manager'].expireAll();
        state.tokens.installer.expireAll();
      }
    },
    setCredentialExpiry: (environmentId, credentialId, expiry) =>
      environmentState(environmentId).setCredentialExpiry(credentialId, expiry),
    listCredentials: environmentId =>
      environmentState(environmentId).credentials.map(c => structuredClone(c)),
    getSddcSpec: environmentId =>
      structuredClone(environmentState(environmentId).sddcSpec),
    heldRequestCount: () => hangingResponses.size,
    stop: () =>
      new Promise<void>(resolve => {
        for (const res of hangingResponses) res.socket?.destroy();
        hangingResponses.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  app.use(ADMIN_BASE_PATH, createAdminRouter(simulator));
  app.use((req, res) => {
    res.status(404).json({
      error: `Nothing at ${req.path}; APIs live under /env/<id>/sddc-manager and /env/<id>/installer`,
    });
  });
  return simulator;
}
