/**
 * TypeScript shapes of the OpenAPI schemas the simulator serves, named as in
 * the specs (`components/schemas/<Name>`). Only the properties the simulator
 * fills are listed; the contract tests check them against the real schemas.
 */

/**
 * `ExpirationDetails` of a credential.
 * @public
 */
export interface ExpirationDetails {
  expiryDate?: string;
  lastCheckedDate?: string;
  /** One among: ACTIVE, ERROR, UNKNOWN */
  connectivityStatus?: string;
  /** One among: ACTIVE, EXPIRING, EXPIRED, UNKNOWN */
  status?: string;
}

/**
 * `AuthenticatedResource`: the resource a credential belongs to.
 * @public
 */
export interface AuthenticatedResource {
  resourceId: string;
  resourceName: string;
  resourceIp: string;
  resourceType: string;
  domainNames: string[];
  domainName?: string;
}

/**
 * `AutoRotateCredentialPolicy`.
 * @public
 */
export interface AutoRotateCredentialPolicy {
  frequencyInDays?: number;
  nextSchedule: string;
}

/**
 * `Credential` as returned by `GET /v1/credentials` of SDDC Manager.
 * @public
 */
export interface Credential {
  id: string;
  /** One among: SSO, SSH, API, FTP, AUDIT */
  credentialType: string;
  /** One among: USER, SYSTEM, SERVICE */
  accountType: string;
  username: string;
  password: string;
  creationTimestamp: string;
  modificationTimestamp: string;
  expiry?: ExpirationDetails;
  resource: AuthenticatedResource;
  autoRotatePolicy?: AutoRotateCredentialPolicy;
}

/**
 * `PageMetadata`.
 * @public
 */
export interface PageMetadata {
  pageNumber: number;
  pageSize: number;
  totalElements: number;
  totalPages: number;
}

/**
 * The `PageOf<Type>` envelope of every list in the specs.
 * @public
 */
export interface PageOf<T> {
  elements: T[];
  pageMetadata: PageMetadata;
}

/**
 * `DomainReference`.
 * @public
 */
export interface DomainReference {
  id: string;
  name?: string;
  type?: string;
}

/**
 * `Vcenter` as returned by `GET /v1/vcenters`.
 * @public
 */
export interface Vcenter {
  id: string;
  fqdn: string;
  ipAddress: string;
  domain: DomainReference;
  version: string;
  status?: string;
}

/**
 * `Domain` as returned by `GET /v1/domains`.
 * @public
 */
export interface Domain {
  id: string;
  name: string;
  orgName?: string;
  status: string;
  type: string;
  vcenters: Array<{ id: string; fqdn: string }>;
  clusters: Array<{ id: string; name: string }>;
  nsxtCluster?: { id: string; vipFqdn: string };
  ssoId?: string;
  ssoName?: string;
  isManagementSsoDomain?: boolean;
}

/**
 * `SddcManager` as returned by `GET /v1/sddc-managers`.
 * @public
 */
export interface SddcManager {
  id: string;
  fqdn: string;
  version: string;
  ipAddress: string;
  domain: DomainReference;
}

/**
 * `ApplianceInfo` as returned by `GET /v1/system/appliance-info`.
 * @public
 */
export interface ApplianceInfo {
  /** One of: VcfInstaller, SddcManager */
  role: string;
  version: string;
}

/**
 * `SddcTask`: one deployment known to the VCF Installer.
 * @public
 */
export interface SddcTask {
  id: string;
  name: string;
  /** e.g. IN_PROGRESS, COMPLETED_WITH_SUCCESS, COMPLETED_WITH_FAILURE */
  status: string;
  creationTimestamp: string;
  sddcSubTasks: unknown[];
  /** VCF 9 only */
  milestones?: unknown[];
}

/**
 * `SddcSpec`: the deployment specification, in the field names of the flavor
 * it was generated for (VCF 9 Installer or VCF 5.2 Cloud Builder). Kept loose
 * on purpose: the two flavors differ and the schema in the spec is the truth.
 * @public
 */
export type SddcSpec = Record<string, unknown>;

/**
 * `Error`: the body of every error response in the specs.
 * @public
 */
export interface VcfErrorBody {
  errorCode: string;
  errorType?: string;
  message: string;
  remediationMessage?: string;
  arguments?: string[];
  context?: Record<string, string>;
  referenceToken?: string;
}

/**
 * `TokenPair` as returned by `POST /v1/tokens`.
 * @public
 */
export interface TokenPair {
  accessToken: string;
  refreshToken: { id: string };
}

/**
 * `CredentialsSubTask`: one credential of a credentials task. SDDC Manager
 * puts the old and the new password in it, so whoever reads it must drop them.
 * @public
 */
export interface CredentialsSubTask {
  id: string;
  resourceName: string;
  name: string;
  description: string;
  creationTimestamp: string;
  /** Absent from the VCF 5.2.1 schema. */
  completionTimestamp?: string;
  /** One among: PENDING, IN_PROGRESS, SUCCESSFUL, FAILED, USER_CANCELLED, INCONSISTENT */
  status: string;
  errors?: VcfErrorBody[];
  oldPassword?: string;
  newPassword?: string;
  entityType: string;
  username: string;
  credentialType: string;
}

/**
 * `CredentialsTask` as returned by `GET /v1/credentials/tasks/{id}`.
 * @public
 */
export interface CredentialsTask {
  id: string;
  name: string;
  /** One among: UPDATE, ROTATE, REMEDIATE, UPDATE_AUTO_ROTATE_POLICY */
  type: string;
  creationTimestamp: string;
  /** Absent from the VCF 5.2.1 schema. */
  completionTimestamp?: string;
  /** One among: PENDING, IN_PROGRESS, SUCCESSFUL, FAILED, USER_CANCELLED, INCONSISTENT */
  status: string;
  subTasks: CredentialsSubTask[];
  errors?: VcfErrorBody[];
  isAutoRotate: boolean;
}

/**
 * `Task`: what `PATCH /v1/credentials` and the task retry/cancel calls answer.
 * @public
 */
export interface Task {
  id: string;
  name: string;
  type?: string;
  status: string;
  creationTimestamp: string;
  completionTimestamp?: string;
  isCancellable?: boolean;
  isRetryable?: boolean;
}

/**
 * `CredentialExpirationCheck`: the expiry of one credential, as an expiration
 * check found it.
 * @public
 */
export interface CredentialExpirationCheck {
  id: string;
  username: string;
  resource: AuthenticatedResource;
  expiry?: ExpirationDetails;
  creationTimestamp: string;
  completionTimestamp?: string;
}

/**
 * `CredentialsExpiration`: an expiration check, as `POST /v1/credentials/expirations` starts it.
 * @public
 */
export interface CredentialsExpiration {
  id: string;
  /** One among: COMPLETED, FAILED, IN_PROGRESS */
  status: string;
  elements?: CredentialExpirationCheck[];
  creationTimestamp: string;
  completionTimestamp?: string;
}
