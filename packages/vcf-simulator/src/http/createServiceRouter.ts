import express, {
  type NextFunction,
  type Request,
  type Response,
  type Router,
} from 'express';
import type { SeededRandom } from '../data/SeededRandom';
import type { EnvironmentState } from '../state/EnvironmentState';
import type { FaultSettings } from '../state/FaultSettings';
import type { SimulatedService, SimulatorFaults } from '../simulator/types';
import type { ApiResponse, RouteContext, SpecRoute } from './SpecRoute';
import { vcfError } from './vcfError';

/** What every service router of a simulator shares. */
export interface ServiceRouterDeps {
  faultSettings: FaultSettings;
  /** Decides which calls fail under `errorRate`. */
  faultRandom: SeededRandom;
  /** Responses held open by the `hang` and `holdPagesFrom` faults, closed when the simulator stops. */
  hangingResponses: Set<Response>;
}

/** `/v1/credentials/{id}` → `/v1/credentials/:id` */
function toExpressPath(specPath: string): string {
  return specPath.replace(/\{([^}]+)\}/g, ':$1');
}

function firstValues(
  query: Request['query'],
): Record<string, string | undefined> {
  const result: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(query)) {
    const first = Array.isArray(value) ? value[0] : value;
    result[key] = typeof first === 'string' ? first : undefined;
  }
  return result;
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

function send(res: Response, response: ApiResponse, malformed: boolean) {
  let text = JSON.stringify(response.body);
  if (malformed && response.status < 300) {
    // Cut in half: the status and headers look fine, the JSON does not parse.
    text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
  }
  res
    .status(response.status)
    .type('application/json')
    .set('Content-Length', String(Buffer.byteLength(text)))
    .end(text);
}

/** Which auth failure, if any, a request has. */
function checkAuthorization(
  req: Request,
  context: RouteContext,
): ApiResponse | undefined {
  const header = req.headers.authorization ?? '';
  const [scheme, credentials] = header.split(' ', 2);
  if (
    scheme?.toLowerCase() === 'basic' &&
    context.environment.flavor === 'vcf5.2' &&
    context.service === 'installer'
  ) {
    // VCF 5.2 Cloud Builder uses HTTP Basic auth.
    const account = context.environment.serviceAccounts.installer;
    const expected = Buffer.from(
      `${account.username}:${account.password}`,
    ).toString('base64');
    return credentials === expected && !context.faults.rejectServiceAccount
      ? undefined
      : vcfError(401, 'AUTHENTICATION_FAILED', 'Invalid username or password');
  }
  if (scheme?.toLowerCase() !== 'bearer' || !credentials) {
    return vcfError(
      401,
      'UNAUTHORIZED',
      'Full authentication is required to access this resource',
      'Send Authorization: Bearer <accessToken> from POST /v1/tokens',
    );
  }
  const status = context.environment.tokens[context.service].check(
    credentials,
    context.faults.tokenTtlSeconds,
  );
  if (status === 'expired') {
    return vcfError(
      401,
      'TOKEN_EXPIRED',
      'The access token has expired',
      'Refresh the access token or log in again',
    );
  }
  if (status === 'unknown') {
    return vcfError(401, 'TOKEN_INVALID', 'The access token is not valid');
  }
  return undefined;
}

function isAffectedByRequestFaults(route: SpecRoute, faults: SimulatorFaults) {
  return faults.paths ? faults.paths.includes(route.path) : !route.public;
}

/** Whether `holdPagesFrom` holds this request: a GET of a page at or after the one it names. */
function isHeldPage(req: Request, faults: SimulatorFaults): boolean {
  if (faults.holdPagesFrom === undefined || req.method !== 'GET') return false;
  const pageNumber = firstValues(req.query).pageNumber;
  if (pageNumber === undefined || !/^\d+$/.test(pageNumber)) return false;
  return Number(pageNumber) >= faults.holdPagesFrom;
}

/** Keeps a request held by `holdPagesFrom` until the fault no longer holds it; false when the client left. */
async function waitWhileHeld(
  req: Request,
  res: Response,
  deps: ServiceRouterDeps,
  scope: { environmentId: string; service: SimulatedService },
): Promise<boolean> {
  let closed = false;
  const whenClosed = new Promise<void>(resolve =>
    res.once('close', () => {
      closed = true;
      resolve();
    }),
  );
  deps.hangingResponses.add(res);
  try {
    while (!closed && isHeldPage(req, deps.faultSettings.effective(scope))) {
      await Promise.race([deps.faultSettings.nextChange(), whenClosed]);
    }
  } finally {
    deps.hangingResponses.delete(res);
  }
  return !closed;
}

/**
 * An Express router serving one service (SDDC Manager or installer) of one
 * environment. It routes the spec paths to handlers and applies, in order:
 * latency, hang, held pages, error rate, bearer auth, the handler, malformed JSON.
 */
export function createServiceRouter(options: {
  environment: EnvironmentState;
  service: SimulatedService;
  routes: SpecRoute[];
  deps: ServiceRouterDeps;
}): Router {
  const { environment, service, deps } = options;
  const router = express.Router();
  router.use(express.json({ strict: false, limit: '5mb' }));
  router.use(express.text({ type: 'text/plain' }));

  for (const route of options.routes) {
    if (route.flavors && !route.flavors.includes(environment.flavor)) {
      continue;
    }
    router[route.method](
      toExpressPath(route.path),
      async (req: Request, res: Response) => {
        const faults = deps.faultSettings.effective({
          environmentId: environment.id,
          service,
        });
        const context: RouteContext = { environment, service, faults };
        if (faults.latencyMs > 0) {
          await sleep(faults.latencyMs);
        }
        const faulty = isAffectedByRequestFaults(route, faults);
        if (faulty && faults.hang) {
          deps.hangingResponses.add(res);
          res.on('close', () => deps.hangingResponses.delete(res));
          return;
        }
        if (
          faulty &&
          isHeldPage(req, faults) &&
          !(await waitWhileHeld(req, res, deps, {
            environmentId: environment.id,
            service,
          }))
        ) {
          return;
        }
        if (
          faulty &&
          faults.errorRate > 0 &&
          deps.faultRandom.next() < faults.errorRate
        ) {
          send(
            res,
            vcfError(
              500,
              'INTERNAL_SERVER_ERROR',
              'Internal server error (simulated)',
            ),
            false,
          );
          return;
        }
        const authFailure = route.public
          ? undefined
          : checkAuthorization(req, context);
        if (authFailure) {
          res.set('WWW-Authenticate', 'Bearer');
          send(res, authFailure, false);
          return;
        }
        let response: ApiResponse;
        try {
          response = route.handle(
            {
              params: req.params as Record<string, string>,
              query: firstValues(req.query),
              body: req.body,
            },
            context,
          );
        } catch (error) {
          response = vcfError(500, 'INTERNAL_SERVER_ERROR', String(error));
        }
        send(res, response, faulty && faults.malformedJson);
      },
    );
  }

  router.use((req: Request, res: Response) => {
    send(
      res,
      vcfError(
        404,
        'NOT_FOUND',
        `No operation ${req.method} ${req.path} on this ${service}`,
      ),
      false,
    );
  });
  // Express recognises error handlers by their four parameters.
  router.use(
    (
      error: Error & { status?: number },
      _req: Request,
      res: Response,
      _next: NextFunction,
    ) => {
      const status = error.status && error.status < 500 ? error.status : 500;
      send(
        res,
        vcfError(
          status,
          status === 400 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR',
          status === 400 ? 'The request body is not valid JSON' : error.message,
        ),
        false,
      );
    },
  );
  return router;
}
