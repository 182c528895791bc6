import express, {
  type NextFunction,
  type Request,
  type Response,
  type Router,
} from 'express';
import { InvalidFaultsError, parseFaultScope } from '../state/FaultSettings';
import { NotFoundError } from '../state/NotFoundError';
import type { VcfSimulator } from '../simulator/types';

/** The simulator operations the admin router exposes over HTTP. */
export type AdminOperations = Pick<
  VcfSimulator,
  | 'environments'
  | 'setFaults'
  | 'getFaults'
  | 'resetFaults'
  | 'rotatePassword'
  | 'expireAccessTokens'
  | 'listCredentials'
>;

function scopeOf(req: Request) {
  return parseFaultScope({
    environmentId: req.query.environmentId,
    service: req.query.service,
  });
}

function requireEnvironment(operations: AdminOperations, id: string) {
  if (!operations.environments.some(e => e.id === id)) {
    throw new NotFoundError(`No environment ${id}`);
  }
  return id;
}

function statusOf(error: Error & { status?: number }): number {
  if (error instanceof InvalidFaultsError) return 400;
  if (error instanceof NotFoundError) return 404;
  return error.status ?? 500;
}

/**
 * Test-only endpoints under `/_simulator` to drive a running simulator from
 * another process (the CLI case): read environments, set faults, rotate
 * passwords, expire tokens. They need no auth: bind the simulator to loopback.
 */
export function createAdminRouter(operations: AdminOperations): Router {
  const router = express.Router();
  router.use(express.json());

  router.get('/environments', (_req, res) => {
    res.json(operations.environments);
  });
  router.get('/environments/:id/credentials', (req, res) => {
    res.json(
      operations.listCredentials(requireEnvironment(operations, req.params.id)),
    );
  });
  router.post('/environments/:id/rotate-password', (req, res) => {
    const id = requireEnvironment(operations, req.params.id);
    const credentialId =
      typeof req.body?.credentialId === 'string'
        ? req.body.credentialId
        : undefined;
    res.json(operations.rotatePassword(id, credentialId));
  });
  router.post('/environments/:id/expire-tokens', (req, res) => {
    operations.expireAccessTokens(
      requireEnvironment(operations, req.params.id),
    );
    res.status(204).end();
  });

  router.get('/faults', (req, res) => {
    res.json(operations.getFaults(scopeOf(req)));
  });
  router.post('/faults', (req, res) => {
    const scope = scopeOf(req);
    if (scope.environmentId)
      requireEnvironment(operations, scope.environmentId);
    operations.setFaults(req.body ?? {}, scope);
    res.json(operations.getFaults(scope));
  });
  router.delete('/faults', (_req, res) => {
    operations.resetFaults();
    res.status(204).end();
  });

  router.use(
    (
      error: Error & { status?: number },
      _req: Request,
      res: Response,
      _next: NextFunction,
    ) => {
      res.status(statusOf(error)).json({ error: error.message });
    },
  );
  return router;
}
