import { randomUUID } from 'node:crypto';
import type {
  Credential,
  CredentialsExpiration,
  CredentialsSubTask,
  CredentialsTask,
  Task,
  VcfErrorBody,
} from '../data/apiTypes';
import type {
  CredentialTaskOutcome,
  SimulatorFaults,
  VcfSpecFlavor,
} from '../simulator/types';

/** The operation types of `CredentialsUpdateSpec.operationType`. */
const OPERATION_TYPES = [
  'ROTATE',
  'UPDATE',
  'REMEDIATE',
  'UPDATE_AUTO_ROTATE_POLICY',
] as const;
type OperationType = (typeof OPERATION_TYPES)[number];

const TERMINAL = ['SUCCESSFUL', 'FAILED', 'USER_CANCELLED', 'INCONSISTENT'];

/** A request SDDC Manager refuses (answered 400 with the spec's `Error` body). */
export class CredentialOperationError extends Error {
  name = 'CredentialOperationError';
  constructor(readonly errorCode: string, message: string) {
    super(message);
  }
}

/** What the operations need of the environment they change. */
export interface CredentialOperationsEnvironment {
  flavor: VcfSpecFlavor;
  credentials: Credential[];
  /** A new password for a rotation. */
  generatePassword(): string;
  now(): Date;
}

interface AutoRotatePolicyInput {
  enableAutoRotatePolicy: boolean;
  frequencyInDays?: number;
}

interface PlannedChange {
  credential: Credential;
  /** UPDATE and REMEDIATE: the password the caller chose. */
  requestedPassword?: string;
  oldPassword?: string;
  newPassword?: string;
}

interface SimulatedTask {
  id: string;
  type: OperationType;
  status: string;
  creationTimestamp: string;
  completionTimestamp?: string;
  outcome: CredentialTaskOutcome;
  pollsLeft: number;
  changes: PlannedChange[];
  policy?: AutoRotatePolicyInput;
  errors?: VcfErrorBody[];
}

interface SimulatedExpirationCheck {
  id: string;
  creationTimestamp: string;
  pollsLeft: number;
  credentials: Credential[];
  result?: CredentialsExpiration;
}

/**
 * VCF's password rule for UPDATE and REMEDIATE, as the simulator enforces it: 15 to 20 characters with an
 * upper-case letter, a lower-case letter, a digit and one of `!%@$^#?`, nothing else, no character three times in
 * a row. (Real components differ a little; this is the strictest common rule.)
 */
function passwordPolicyViolation(password: string): string | undefined {
  if (password.length < 15 || password.length > 20) {
    return 'must be 15 to 20 characters long';
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

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function verbOf(type: OperationType): string {
  switch (type) {
    case 'ROTATE':
      return 'rotate';
    case 'UPDATE':
      return 'update';
    case 'REMEDIATE':
      return 'remediate';
    default:
      return 'change the auto-rotate policy of';
  }
}

/**
 * The credential operations of one simulated SDDC Manager: password tasks started by `PATCH /v1/credentials`,
 * which progress one step per poll and change passwords only when they succeed, and expiration checks.
 */
export class CredentialOperations {
  private readonly tasks = new Map<string, SimulatedTask>();
  private readonly expirationChecks = new Map<
    string,
    SimulatedExpirationCheck
  >();

  constructor(private readonly environment: CredentialOperationsEnvironment) {}

  /** `PATCH /v1/credentials`: checks the spec and starts a task. */
  start(spec: unknown, faults: SimulatorFaults): Task {
    const { type, changes, policy } = this.parseSpec(spec);
    const busy = changes.find(change => this.isBusy(change.credential));
    if (busy) {
      throw new CredentialOperationError(
        'PASSWORD_OPERATION_IN_PROGRESS',
        `A password operation on ${busy.credential.username} of ${busy.credential.resource.resourceName} is already in progress`,
      );
    }
    const task: SimulatedTask = {
      id: randomUUID(),
      type,
      status: 'PENDING',
      creationTimestamp: this.environment.now().toISOString(),
      outcome: faults.credentialTaskOutcome,
      pollsLeft: faults.credentialTaskPolls,
      changes,
      policy,
    };
    this.tasks.set(task.id, task);
    return this.toTask(task);
  }

  /** `GET /v1/credentials/tasks/{id}`: advances the task by one step and shows it. */
  poll(id: string): CredentialsTask | undefined {
    const task = this.tasks.get(id);
    if (!task) return undefined;
    if (!TERMINAL.includes(task.status)) {
      if (task.pollsLeft > 0) {
        task.pollsLeft -= 1;
        task.status = 'IN_PROGRESS';
      } else {
        this.finish(task);
      }
    }
    return this.toCredentialsTask(task);
  }

  /** `PATCH /v1/credentials/tasks/{id}`: runs a failed task again, with the passwords of `spec` when it has them. */
  retry(id: string, spec: unknown, faults: SimulatorFaults): Task | undefined {
    const task = this.tasks.get(id);
    if (!task) return undefined;
    if (task.status !== 'FAILED') {
      throw new CredentialOperationError(
        'TASK_NOT_RETRYABLE',
        `Only a failed task can be retried; task ${id} is ${task.status}`,
      );
    }
    const retried = this.parseSpec(spec);
    for (const change of task.changes) {
      const again = retried.changes.find(
        c => c.credential === change.credential,
      );
      if (again?.requestedPassword) {
        change.requestedPassword = again.requestedPassword;
      }
    }
    task.status = 'IN_PROGRESS';
    task.errors = undefined;
    task.completionTimestamp = undefined;
    task.outcome = faults.credentialTaskOutcome;
    task.pollsLeft = faults.credentialTaskPolls;
    return this.toTask(task);
  }

  /** `DELETE /v1/credentials/tasks/{id}`: gives up a failed task. */
  cancel(id: string): Task | undefined {
    const task = this.tasks.get(id);
    if (!task) return undefined;
    if (task.status !== 'FAILED') {
      throw new CredentialOperationError(
        'TASK_NOT_CANCELLABLE',
        `Only a failed task can be cancelled; task ${id} is ${task.status}`,
      );
    }
    task.status = 'USER_CANCELLED';
    task.completionTimestamp = this.environment.now().toISOString();
    return this.toTask(task);
  }

  /** `POST /v1/credentials/expirations`. */
  startExpirationCheck(
    spec: unknown,
    faults: SimulatorFaults,
  ): CredentialsExpiration {
    if (!isObject(spec) || typeof spec.resourceType !== 'string') {
      throw new CredentialOperationError(
        'INVALID_EXPIRATION_SPEC',
        'resourceType is required',
      );
    }
    const ids = Array.isArray(spec.credentialIds)
      ? new Set(spec.credentialIds)
      : undefined;
    const credentials = this.environment.credentials.filter(
      c =>
        c.resource.resourceType === spec.resourceType &&
        (!spec.domainName || c.resource.domainName === spec.domainName) &&
        (!ids || ids.has(c.id)),
    );
    const check: SimulatedExpirationCheck = {
      id: randomUUID(),
      creationTimestamp: this.environment.now().toISOString(),
      pollsLeft: faults.credentialTaskPolls,
      credentials,
    };
    this.expirationChecks.set(check.id, check);
    return {
      id: check.id,
      status: 'IN_PROGRESS',
      creationTimestamp: check.creationTimestamp,
    };
  }

  /** `GET /v1/credentials/expirations/{id}`: IN_PROGRESS for as many polls as the fault says, then the result. */
  pollExpirationCheck(id: string): CredentialsExpiration | undefined {
    const check = this.expirationChecks.get(id);
    if (!check) return undefined;
    if (check.result) return check.result;
    if (check.pollsLeft > 0) {
      check.pollsLeft -= 1;
      return {
        id,
        status: 'IN_PROGRESS',
        creationTimestamp: check.creationTimestamp,
      };
    }
    const now = this.environment.now().toISOString();
    check.result = {
      id,
      status: 'COMPLETED',
      creationTimestamp: check.creationTimestamp,
      completionTimestamp: now,
      elements: check.credentials.map(credential => {
        if (credential.expiry) credential.expiry.lastCheckedDate = now;
        return {
          id: credential.id,
          username: credential.username,
          resource: structuredClone(credential.resource),
          ...(credential.expiry
            ? { expiry: structuredClone(credential.expiry) }
            : {}),
          creationTimestamp: check.creationTimestamp,
          completionTimestamp: now,
        };
      }),
    };
    return check.result;
  }

  private isBusy(credential: Credential): boolean {
    for (const task of this.tasks.values()) {
      if (
        !TERMINAL.includes(task.status) &&
        task.changes.some(c => c.credential === credential)
      ) {
        return true;
      }
    }
    return false;
  }

  private parseSpec(spec: unknown): {
    type: OperationType;
    changes: PlannedChange[];
    policy?: AutoRotatePolicyInput;
  } {
    if (!isObject(spec)) {
      throw new CredentialOperationError(
        'INVALID_CREDENTIALS_SPEC',
        'The body must be a CredentialsUpdateSpec',
      );
    }
    const type = spec.operationType as OperationType;
    if (!OPERATION_TYPES.includes(type)) {
      throw new CredentialOperationError(
        'INVALID_OPERATION_TYPE',
        `operationType must be one of ${OPERATION_TYPES.join(', ')}`,
      );
    }
    if (!Array.isArray(spec.elements) || spec.elements.length === 0) {
      throw new CredentialOperationError(
        'INVALID_CREDENTIALS_SPEC',
        'elements must list at least one resource',
      );
    }
    let policy: AutoRotatePolicyInput | undefined;
    if (type === 'UPDATE_AUTO_ROTATE_POLICY') {
      const input = spec.autoRotatePolicy;
      if (
        !isObject(input) ||
        typeof input.enableAutoRotatePolicy !== 'boolean'
      ) {
        throw new CredentialOperationError(
          'INVALID_AUTO_ROTATE_POLICY',
          'autoRotatePolicy.enableAutoRotatePolicy is required',
        );
      }
      const days = input.frequencyInDays;
      if (
        input.enableAutoRotatePolicy &&
        !(Number.isInteger(days) && days >= 1 && days <= 90)
      ) {
        throw new CredentialOperationError(
          'INVALID_AUTO_ROTATE_POLICY',
          'autoRotatePolicy.frequencyInDays must be 1 to 90 days',
        );
      }
      policy = {
        enableAutoRotatePolicy: input.enableAutoRotatePolicy,
        frequencyInDays: days,
      };
    }
    const changes: PlannedChange[] = [];
    for (const element of spec.elements) {
      if (!isObject(element) || !Array.isArray(element.credentials)) {
        throw new CredentialOperationError(
          'INVALID_CREDENTIALS_SPEC',
          'each element needs resourceType and credentials',
        );
      }
      for (const input of element.credentials) {
        const credential = this.environment.credentials.find(
          c =>
            c.resource.resourceType === element.resourceType &&
            (c.resource.resourceName === element.resourceName ||
              c.resource.resourceId === element.resourceId) &&
            c.username === input?.username &&
            (!input.credentialType ||
              c.credentialType === input.credentialType) &&
            (!input.accountType || c.accountType === input.accountType),
        );
        if (!credential) {
          throw new CredentialOperationError(
            'CREDENTIAL_NOT_FOUND',
            `No ${element.resourceType} credential ${String(
              input?.username,
            )} on ${String(element.resourceName ?? element.resourceId)}`,
          );
        }
        let requestedPassword: string | undefined;
        if (type === 'UPDATE' || type === 'REMEDIATE') {
          if (typeof input.password !== 'string') {
            throw new CredentialOperationError(
              'PASSWORD_REQUIRED',
              `A password is required to ${verbOf(type)} ${
                credential.username
              }`,
            );
          }
          const violation = passwordPolicyViolation(input.password);
          if (violation) {
            throw new CredentialOperationError(
              'PASSWORD_POLICY_VIOLATION',
              `The new password of ${credential.username} on ${credential.resource.resourceName} ${violation}`,
            );
          }
          requestedPassword = input.password;
        }
        changes.push({ credential, requestedPassword });
      }
    }
    return { type, changes, policy };
  }

  private finish(task: SimulatedTask): void {
    const now = this.environment.now();
    task.status = task.outcome;
    task.completionTimestamp = now.toISOString();
    if (task.outcome === 'FAILED') {
      const first = task.changes[0].credential;
      task.errors = [
        {
          errorCode: 'PASSWORD_OPERATION_FAILED',
          errorType: 'ERROR',
          message: `Failed to ${verbOf(task.type)} the password of ${
            first.username
          } on ${
            first.resource.resourceName
          }: the resource refused the new password (simulated)`,
        },
      ];
      return;
    }
    if (task.outcome === 'INCONSISTENT') {
      const first = task.changes[0].credential;
      task.errors = [
        {
          errorCode: 'PASSWORD_INCONSISTENT',
          errorType: 'ERROR',
          message: `The password of ${first.username} on ${first.resource.resourceName} differs between the resource and SDDC Manager: remediate it (simulated)`,
        },
      ];
      return;
    }
    for (const change of task.changes) {
      const { credential } = change;
      if (task.type === 'UPDATE_AUTO_ROTATE_POLICY') {
        if (task.policy?.enableAutoRotatePolicy) {
          const days = task.policy.frequencyInDays!;
          credential.autoRotatePolicy = {
            frequencyInDays: days,
            nextSchedule: new Date(
              now.getTime() + days * 86_400_000,
            ).toISOString(),
          };
        } else {
          delete credential.autoRotatePolicy;
        }
        continue;
      }
      change.oldPassword = credential.password;
      change.newPassword =
        change.requestedPassword ?? this.environment.generatePassword();
      credential.password = change.newPassword;
      credential.modificationTimestamp = now.toISOString();
    }
  }

  private toTask(task: SimulatedTask): Task {
    return {
      id: task.id,
      name: `Credentials ${task.type.toLowerCase().replace(/_/g, ' ')}`,
      type: `CREDENTIALS_${task.type}`,
      status: task.status,
      creationTimestamp: task.creationTimestamp,
      isCancellable: task.status === 'FAILED',
      isRetryable: task.status === 'FAILED',
    };
  }

  private toCredentialsTask(task: SimulatedTask): CredentialsTask {
    const withCompletion = this.environment.flavor === 'vcf9';
    const subTasks = task.changes.map((change, index): CredentialsSubTask => {
      const { credential } = change;
      const subTask: CredentialsSubTask = {
        id: `${task.id}-${index + 1}`,
        resourceName: credential.resource.resourceName,
        name: `${task.type} ${credential.username}`,
        description: `${verbOf(task.type)} ${
          credential.credentialType
        } password of ${credential.username} on ${
          credential.resource.resourceName
        }`,
        creationTimestamp: task.creationTimestamp,
        status: task.status,
        entityType: credential.resource.resourceType,
        username: credential.username,
        credentialType: credential.credentialType,
      };
      // Real SDDC Manager answers with both passwords: the portal must drop them.
      if (change.oldPassword) subTask.oldPassword = change.oldPassword;
      if (change.newPassword) subTask.newPassword = change.newPassword;
      if (withCompletion && task.completionTimestamp) {
        subTask.completionTimestamp = task.completionTimestamp;
      }
      return subTask;
    });
    return {
      id: task.id,
      name: `Credentials ${task.type.toLowerCase().replace(/_/g, ' ')}`,
      type: task.type,
      creationTimestamp: task.creationTimestamp,
      ...(withCompletion && task.completionTimestamp
        ? { completionTimestamp: task.completionTimestamp }
        : {}),
      status: task.status,
      subTasks,
      ...(task.errors ? { errors: task.errors } : {}),
      isAutoRotate: false,
    };
  }
}
