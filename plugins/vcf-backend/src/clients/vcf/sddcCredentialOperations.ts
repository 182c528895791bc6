import type {
  CredentialTaskStatus,
  ExpiryStatus,
} from '@vcf-backstage/plugin-vcf-common';

/**
 * SDDC Manager's `operationType` of `PATCH /v1/credentials`.
 * @internal
 */
export type SddcOperationType =
  | 'ROTATE'
  | 'UPDATE'
  | 'REMEDIATE'
  | 'UPDATE_AUTO_ROTATE_POLICY';

/**
 * One credential an operation changes, named the way SDDC Manager finds it.
 * @internal
 */
export interface SddcCredentialTarget {
  resourceName: string;
  resourceId?: string;
  resourceType: string;
  username: string;
  credentialType?: string;
  accountType?: string;
}

/**
 * A password operation to start. `password` (UPDATE and REMEDIATE) is sent to SDDC Manager and nowhere else.
 * @internal
 */
export interface SddcCredentialChange {
  operationType: SddcOperationType;
  credentials: SddcCredentialTarget[];
  password?: string;
  autoRotatePolicy?: { enabled: boolean; frequencyInDays?: number };
}

/**
 * A credentials task as the client hands it on: SDDC Manager's `CredentialsTask` with the sub-tasks' `oldPassword`
 * and `newPassword` dropped (only the listed fields are copied).
 * @internal
 */
export interface SddcCredentialTask {
  id: string;
  status: CredentialTaskStatus;
  /** SDDC Manager's error messages. */
  errors: string[];
  completedAt?: string;
  subTasks: Array<{
    resourceName?: string;
    username?: string;
    credentialType?: string;
    status: CredentialTaskStatus;
  }>;
}

/**
 * An expiration check's state and, once completed, the expiry of each credential it looked at.
 * @internal
 */
export interface SddcExpirationCheck {
  id: string;
  status: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  results: Array<{
    credentialId: string;
    expiryStatus?: ExpiryStatus;
    expiryDate?: string;
  }>;
}

const TASK_STATUSES: CredentialTaskStatus[] = [
  'PENDING',
  'IN_PROGRESS',
  'SUCCESSFUL',
  'FAILED',
  'USER_CANCELLED',
  'INCONSISTENT',
];

/** SDDC Manager's status spelling → ours; an unknown one counts as still in progress. */
export function toTaskStatus(status: unknown): CredentialTaskStatus {
  const upper = String(status ?? '')
    .toUpperCase()
    .replace(/\s+/g, '_');
  if (upper === 'CANCELLED') return 'USER_CANCELLED';
  return (TASK_STATUSES as string[]).includes(upper)
    ? (upper as CredentialTaskStatus)
    : 'IN_PROGRESS';
}

function errorMessages(errors: unknown): string[] {
  if (!Array.isArray(errors)) return [];
  return errors
    .map(e =>
      [e?.message, e?.remediationMessage]
        .filter(p => typeof p === 'string' && p)
        .join(' '),
    )
    .filter(Boolean);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

/**
 * Copies the fields we use out of a `CredentialsTask`. Sub-tasks carry `oldPassword`/`newPassword`: copying
 * field by field (never spreading) is what keeps them out of everything downstream.
 */
export function scrubCredentialsTask(
  body: any,
  fallbackId: string,
): SddcCredentialTask {
  const subTasks = Array.isArray(body?.subTasks) ? body.subTasks : [];
  return {
    id: optionalString(body?.id) ?? fallbackId,
    status: toTaskStatus(body?.status),
    errors: [
      ...errorMessages(body?.errors),
      ...subTasks.flatMap((s: any) => errorMessages(s?.errors)),
    ],
    completedAt: optionalString(body?.completionTimestamp),
    subTasks: subTasks.map((s: any) => ({
      resourceName: optionalString(s?.resourceName),
      username: optionalString(s?.username),
      credentialType: optionalString(s?.credentialType),
      status: toTaskStatus(s?.status),
    })),
  };
}

/** Builds a `CredentialsUpdateSpec`: one element per resource, its credentials below it. */
export function toCredentialsUpdateSpec(change: SddcCredentialChange) {
  const elements = new Map<
    string,
    {
      resourceName: string;
      resourceId?: string;
      resourceType: string;
      credentials: any[];
    }
  >();
  for (const target of change.credentials) {
    const key = `${target.resourceType}\u0000${target.resourceName}`;
    let element = elements.get(key);
    if (!element) {
      element = {
        resourceName: target.resourceName,
        ...(target.resourceId ? { resourceId: target.resourceId } : {}),
        resourceType: target.resourceType,
        credentials: [],
      };
      elements.set(key, element);
    }
    element.credentials.push({
      ...(target.credentialType
        ? { credentialType: target.credentialType }
        : {}),
      ...(target.accountType ? { accountType: target.accountType } : {}),
      username: target.username,
      ...(change.password !== undefined ? { password: change.password } : {}),
    });
  }
  return {
    operationType: change.operationType,
    elements: [...elements.values()],
    ...(change.autoRotatePolicy
      ? {
          autoRotatePolicy: {
            enableAutoRotatePolicy: change.autoRotatePolicy.enabled,
            ...(change.autoRotatePolicy.frequencyInDays !== undefined
              ? { frequencyInDays: change.autoRotatePolicy.frequencyInDays }
              : {}),
          },
        }
      : {}),
  };
}
