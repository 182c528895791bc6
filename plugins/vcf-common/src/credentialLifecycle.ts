/**
 * Types of the credential lifecycle API: password operations that SDDC Manager carries out (rotate, update,
 * remediate, auto-rotate policy), expiry checks, and the tasks that track them. No type here carries a password;
 * the request bodies of update and remediate are the only place one travels, and they are never echoed.
 */

/**
 * What a credential task does. The first four are SDDC Manager's `operationType`s; `expiry-check` is an
 * on-demand password expiration check.
 * @public
 */
export type CredentialOperation =
  | 'rotate'
  | 'update'
  | 'remediate'
  | 'auto-rotate-policy'
  | 'expiry-check';

/**
 * Every {@link CredentialOperation}.
 * @public
 */
export const CREDENTIAL_OPERATIONS: CredentialOperation[] = [
  'rotate',
  'update',
  'remediate',
  'auto-rotate-policy',
  'expiry-check',
];

/**
 * State of a credential task, as SDDC Manager names it.
 * @public
 */
export type CredentialTaskStatus =
  | 'PENDING'
  | 'IN_PROGRESS'
  | 'SUCCESSFUL'
  | 'FAILED'
  | 'USER_CANCELLED'
  | 'INCONSISTENT';

/**
 * Statuses after which a task changes no more (a FAILED task may still be retried or cancelled).
 * @public
 */
export const FINISHED_CREDENTIAL_TASK_STATUSES: CredentialTaskStatus[] = [
  'SUCCESSFUL',
  'FAILED',
  'USER_CANCELLED',
  'INCONSISTENT',
];

/**
 * One credential of a task and how far it got.
 * @public
 */
export interface CredentialTaskItem {
  credentialId: string;
  resourceName: string;
  username: string;
  status: CredentialTaskStatus;
}

/**
 * A credential task (`GET /credential-tasks/:taskId`).
 * @public
 */
export interface CredentialTask {
  id: string;
  environmentId: string;
  operation: CredentialOperation;
  status: CredentialTaskStatus;
  /** SDDC Manager's error texts when the task failed or is inconsistent. */
  errors: string[];
  items: CredentialTaskItem[];
  /** Entity ref of the user who asked, or `vcf:rotate-after-reveal` for a scheduled rotation. */
  requestedBy: string;
  createdAt: string;
  completedAt?: string;
}

/**
 * The answer of the routes that start a task (`202 Accepted`).
 * @public
 */
export interface CredentialTaskAccepted {
  taskId: string;
}

/**
 * Body of `POST /credentials/:id/update` and `/remediate`. The password is a secret: never logged or echoed.
 * @public
 */
export interface CredentialPasswordInput {
  password: string;
}

/**
 * Body of `PUT /credentials/:id/auto-rotate-policy`.
 * @public
 */
export interface AutoRotatePolicyInput {
  enabled: boolean;
  /** Days between automatic rotations (1–90); required when enabled. */
  frequencyInDays?: number;
}

/**
 * Body of `POST /environments/:id/credentials/rotate`: the credentials to rotate, by id, at most
 * {@link MAX_BULK_ROTATE_CREDENTIALS}.
 * @public
 */
export interface BulkRotateInput {
  credentialIds: string[];
}

/**
 * The most credentials one bulk rotation may carry.
 * @public
 */
export const MAX_BULK_ROTATE_CREDENTIALS = 100;

/**
 * A rotation scheduled by rotate-after-reveal (`GET /environments/:id/credential-schedules`).
 * @public
 */
export interface ScheduledCredentialRotation {
  credentialId: string;
  /** When the rotation is due. */
  rotatesAt: string;
}

/**
 * Rotate-after-reveal of an environment: each reveal of a credential of one of `resourceTypes` schedules one
 * rotation `afterMinutes` later (a later reveal pushes it back).
 * @public
 */
export interface RotateAfterRevealSettings {
  afterMinutes: number;
  resourceTypes: string[];
}

/**
 * The password rule VCF applies to passwords set by update and remediate: 15 to 20 characters with an
 * upper-case letter, a lower-case letter, a digit and one of `!%@$^#?`, nothing else, no character three times in
 * a row. Shown as the hint of the update form and used by its generator.
 * @public
 */
export const VCF_PASSWORD_POLICY = {
  minLength: 15,
  maxLength: 20,
  specialCharacters: '!%@$^#?',
  description:
    '15–20 characters with upper- and lower-case letters, a digit and one of !%@$^#?; no other characters, no character three times in a row.',
} as const;

/**
 * Why a password breaks {@link VCF_PASSWORD_POLICY}, or undefined when it does not.
 * @public
 */
export function vcfPasswordPolicyViolation(
  password: string,
): string | undefined {
  const { minLength, maxLength } = VCF_PASSWORD_POLICY;
  if (password.length < minLength || password.length > maxLength) {
    return `must be ${minLength} to ${maxLength} characters long`;
  }
  if (!/[A-Z]/.test(password) || !/[a-z]/.test(password)) {
    return 'must contain upper-case and lower-case letters';
  }
  if (!/[0-9]/.test(password)) return 'must contain a digit';
  if (!/[!%@$^#?]/.test(password)) {
    return 'must contain one of the special characters !%@$^#?';
  }
  if (/[^A-Za-z0-9!%@$^#?]/.test(password)) {
    return 'may only contain letters, digits and !%@$^#?';
  }
  if (/(.)\1\1/.test(password)) {
    return 'must not repeat a character three times in a row';
  }
  return undefined;
}
