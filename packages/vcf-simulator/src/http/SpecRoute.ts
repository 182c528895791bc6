import type { EnvironmentState } from '../state/EnvironmentState';
import type {
  SimulatedService,
  SimulatorFaults,
  VcfSpecFlavor,
} from '../simulator/types';

/** What a route handler sees of a request. */
export interface ApiRequest {
  /** Path parameters named as in the spec template, e.g. `{ id: '…' }`. */
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  body: unknown;
}

/** What a route handler answers; the adapter serialises it (or breaks it, under faults). */
export interface ApiResponse {
  status: number;
  body: unknown;
}

/** The environment and faults a request is handled under. */
export interface RouteContext {
  environment: EnvironmentState;
  service: SimulatedService;
  faults: SimulatorFaults;
}

/**
 * One operation of a spec the simulator serves. `path` is the template exactly
 * as it appears in the spec, so the contract tests can look the operation up.
 */
export interface SpecRoute {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  /** Reachable without a bearer token (the token calls). */
  public?: boolean;
  /** Served only for these flavors (default: all). */
  flavors?: VcfSpecFlavor[];
  handle(request: ApiRequest, context: RouteContext): ApiResponse;
}
