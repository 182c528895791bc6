import type { Credential, ExpirationDetails, SddcSpec } from '../data/apiTypes';

/**
 * Which VCF release an environment imitates.
 *
 * - `vcf9`: SDDC Manager and VCF Installer 9.0.2 (the VCF 9 specs).
 * - `vcf5.2`: SDDC Manager 5.2.1; the installer base URL imitates Cloud
 *   Builder, whose deployment spec uses the VCF 5.2 field names
 *   (`sddcManagerSpec.rootUserCredentials`, `pscSpecs[].adminUserSsoPassword`, …).
 *
 * @public
 */
export type VcfSpecFlavor = 'vcf9' | 'vcf5.2';

/**
 * A vCenter that an environment's `GET /v1/vcenters` should list instead of a
 * generated one, e.g. a vcsim instance. One workload domain is created per entry
 * (the first is the management domain).
 * @public
 */
export interface SimulatedVcenterOptions {
  /** What `Vcenter.fqdn` reports; may carry a port, e.g. `127.0.0.1:8989` for vcsim. */
  fqdn: string;
  /** Defaults to a generated address. */
  ipAddress?: string;
  /** Defaults to the flavor's vCenter version. */
  version?: string;
  /** SSO user of the vCenter's PSC credential (default `administrator@vsphere.local`). */
  ssoUsername?: string;
  /** SSO password of the vCenter's PSC credential (default generated), e.g. vcsim's `pass`. */
  ssoPassword?: string;
  /**
   * FQDNs of the ESXi hosts this vCenter manages, e.g. vcsim's `hostNames`: the first ESXi credentials of its
   * domain are for these hosts (the domain gets at least this many hosts; further ones keep generated names).
   */
  esxiHostNames?: string[];
}

/**
 * Per-environment settings; anything left out comes from {@link VcfSimulatorOptions}.
 * @public
 */
export interface SimulatedEnvironmentOptions {
  /** Environment id used in the URLs (default `vcf01`, `vcf02`, …). Letters, digits and `-`. */
  id?: string;
  /** Number of credentials `GET /v1/credentials` returns in all. */
  credentialCount?: number;
  specFlavor?: VcfSpecFlavor;
  /** Workload domains including the management domain (default 3; ignored when `vcenters` is set). */
  domainCount?: number;
  vcenters?: SimulatedVcenterOptions[];
}

/**
 * How a truncated page looks.
 *
 * - `off`: pages are complete.
 * - `last-page-short`: the last page of `GET /v1/credentials` returns half its
 *   elements while `pageMetadata` still counts all of them.
 * - `page-missing`: the middle page (page 0 when there is one) returns no elements.
 *
 * @public
 */
export type TruncatedPageMode = 'off' | 'last-page-short' | 'page-missing';

/**
 * The fault knobs. Request faults (latency aside) hit every API call except the
 * token calls, or only the spec paths listed in `paths`.
 * @public
 */
export interface SimulatorFaults {
  /** Delay before every answer, token calls included. */
  latencyMs: number;
  /** Share (0..1) of calls answered `500` with the spec's `Error` body. */
  errorRate: number;
  /** Lifetime of access tokens; after it every call answers 401 until the client logs in again or refreshes. Unset: no expiry. */
  tokenTtlSeconds?: number;
  /** Answer 200 with a JSON body cut in half. */
  malformedJson: boolean;
  /** Make `GET /v1/credentials` return a page with fewer elements than `pageMetadata` claims. */
  truncatedPage: TruncatedPageMode;
  /** Never answer (the socket stays open until the client gives up or the simulator stops). */
  hang: boolean;
  /**
   * Hold every paged list request (`GET /v1/credentials`) from this `pageNumber` on (0: from the first page)
   * unanswered until the fault is lifted, then answer it: a test sees a sync stopped at "page n of m" for as long
   * as it needs, without timing. Unset: nothing is held.
   */
  holdPagesFrom?: number;
  /** Answer `POST /v1/tokens` with 401 even for the right service-account password. */
  rejectServiceAccount: boolean;
  /** Each service-account login after an environment's first rotates this many SDDC Manager passwords, so every sync sees changes. */
  passwordRotationsPerLogin: number;
  /** Restrict request faults to these spec path templates, e.g. `['/v1/credentials']`. */
  paths?: string[];
  /**
   * How many `GET /v1/credentials/tasks/{id}` (or expiration check) polls a credentials task stays unfinished:
   * the first poll sees IN_PROGRESS, the one after the last sees its outcome. Counted in polls, not time.
   */
  credentialTaskPolls: number;
  /** How credentials tasks started from now on end; passwords change only on `SUCCESSFUL`. */
  credentialTaskOutcome: CredentialTaskOutcome;
}

/**
 * The end state of a simulated credentials task: `FAILED` (nothing changed, SDDC Manager's error in `errors`) or
 * `INCONSISTENT` (the resource and SDDC Manager disagree: nothing changed here, a remediation is needed).
 * @public
 */
export type CredentialTaskOutcome = 'SUCCESSFUL' | 'FAILED' | 'INCONSISTENT';

/**
 * Where a fault setting applies: everywhere (no scope), one environment, one
 * service, or one service of one environment. Narrower scopes win.
 * @public
 */
export interface FaultScope {
  environmentId?: string;
  service?: SimulatedService;
}

/**
 * The two APIs each environment serves.
 * @public
 */
export type SimulatedService = 'sddc-manager' | 'installer';

/**
 * Options of {@link startVcfSimulator}.
 * @public
 */
export interface VcfSimulatorOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** A count (default 1) or one entry per environment. */
  environments?: number | SimulatedEnvironmentOptions[];
  /** Credentials per environment unless an environment says otherwise (default 120). */
  credentialsPerEnvironment?: number;
  /** Same seed, same data (ids, names, passwords, timestamps relative to `referenceDate`). Default `vcf`. */
  seed?: string | number;
  /** Default `vcf9`. */
  specFlavor?: VcfSpecFlavor;
  /** Faults active from the start, for every environment. */
  faults?: Partial<SimulatorFaults>;
  /** Dates in the data (creation, expiry, rotation schedule) are relative to it. Default: today, 00:00 UTC. */
  referenceDate?: Date;
}

/**
 * A username and password to log in with `POST /v1/tokens`.
 * @public
 */
export interface ServiceAccount {
  username: string;
  password: string;
}

/**
 * One simulated VCF environment: its base URLs, the accounts to log in with,
 * and what it contains.
 * @public
 */
export interface SimulatedEnvironment {
  id: string;
  specFlavor: VcfSpecFlavor;
  /** Base URL of the SDDC Manager API: the spec paths (`/v1/credentials`, …) go below it. */
  sddcManagerUrl: string;
  /** Base URL of the VCF Installer (VCF 5.2: Cloud Builder) API. */
  installerUrl: string;
  sddcManagerServiceAccount: ServiceAccount;
  installerServiceAccount: ServiceAccount;
  /** Id of the deployment task: `GET /v1/sddcs/{id}/spec` on the installer. */
  sddcTaskId: string;
  /** The management domain name, also the spec's `sddcId`. */
  managementDomainName: string;
  domainNames: string[];
  vcenterFqdns: string[];
  credentialCount: number;
}

/**
 * The password a rotation set.
 * @public
 */
export interface RotatedPassword {
  credentialId: string;
  username: string;
  resourceName: string;
  password: string;
}

/**
 * A running simulator.
 * @public
 */
export interface VcfSimulator {
  /** e.g. `https://127.0.0.1:41234` */
  url: string;
  environments: SimulatedEnvironment[];
  /** The self-signed server certificate; trust it as a CA to verify TLS. */
  certificatePem: string;
  /** Changes faults at runtime; fields left out keep their value in that scope. */
  setFaults(faults: Partial<SimulatorFaults>, scope?: FaultScope): void;
  /** The faults in effect for a scope. */
  getFaults(scope?: FaultScope): SimulatorFaults;
  /** Back to no faults anywhere (the start-up faults are dropped too). */
  resetFaults(): void;
  /** Rotates one SDDC Manager credential (a chosen one, or the next in a seeded sequence). */
  rotatePassword(environmentId: string, credentialId?: string): RotatedPassword;
  /** Makes every issued access token invalid (all environments, or one). */
  expireAccessTokens(environmentId?: string): void;
  /** Sets what SDDC Manager's next expiration check finds for a credential. */
  setCredentialExpiry(
    environmentId: string,
    credentialId: string,
    expiry: ExpirationDetails,
  ): void;
  /** The current SDDC Manager credentials of an environment, passwords included. */
  listCredentials(environmentId: string): Credential[];
  /** The deployment spec the environment's installer returns. */
  getSddcSpec(environmentId: string): SddcSpec;
  /**
   * How many requests the `hang` and `holdPagesFrom` faults hold open right now: a test can wait for its request
   * to be held instead of sleeping.
   */
  heldRequestCount(): number;
  /** Closes the server and every open connection, hanging ones included. */
  stop(): Promise<void>;
}
