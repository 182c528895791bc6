import type {
  CredentialOperation,
  CredentialTask,
  CredentialTaskStatus,
  Page,
  ScheduledCredentialRotation,
} from '@vcf-backstage/plugin-vcf-common';

/**
 * A task to record: SDDC Manager already accepted it (or them: an expiry check starts one per resource type).
 * @internal
 */
export interface NewCredentialTask {
  environmentId: string;
  operation: CredentialOperation;
  upstreamIds: string[];
  /** What was sent, for a retry; stored encrypted because an update carries the new password. */
  change?: unknown;
  requestedBy: string;
  items: Array<{
    credentialId: string;
    resourceName: string;
    username: string;
  }>;
}

/**
 * A task leased to one backend instance for one poll.
 * @internal
 */
export interface ClaimedCredentialTask {
  id: string;
  environmentId: string;
  operation: CredentialOperation;
  upstreamIds: string[];
  status: CredentialTaskStatus;
  items: CredentialTask['items'];
}

/**
 * What one poll found out.
 * @internal
 */
export interface CredentialTaskProgress {
  status: CredentialTaskStatus;
  errors: string[];
  /** Per credential; credentials left out take the task's status. */
  itemStatuses?: Map<string, CredentialTaskStatus>;
  completedAt?: Date;
  /** When to poll again; undefined once the task has ended. */
  nextPollAt?: Date;
}

/**
 * A rotation that rotate-after-reveal scheduled, leased to one instance while it starts.
 * @internal
 */
export interface ClaimedRotation {
  credentialId: string;
  environmentId: string;
  scheduledBy: string;
}

/**
 * Credential tasks (rows we own, polled until SDDC Manager says they ended) and scheduled rotations.
 * Claims are leases in the database, so with several backend instances each task or rotation is handled by one.
 * @internal
 */
export interface CredentialTaskStore {
  add(task: NewCredentialTask, now: Date): Promise<string>;
  get(id: string): Promise<CredentialTask | undefined>;
  list(options: {
    environmentId: string;
    offset: number;
    limit: number;
  }): Promise<Page<CredentialTask>>;
  /** SDDC Manager's ids of a task. */
  upstreamIds(id: string): Promise<string[]>;
  /** The change a task sent, decrypted, for a retry. */
  readChange<T>(id: string): Promise<T | undefined>;
  /** Leases up to `limit` tasks whose next poll is due. */
  claimDue(options: {
    owner: string;
    limit: number;
    leaseSeconds: number;
    now: Date;
  }): Promise<ClaimedCredentialTask[]>;
  /** Stores a poll's outcome and releases the lease; false when the lease was lost meanwhile. */
  recordProgress(
    id: string,
    owner: string | undefined,
    progress: CredentialTaskProgress,
  ): Promise<boolean>;
  /** Credential ids among `credentialIds` that have a task still running. */
  busyCredentials(credentialIds: string[]): Promise<string[]>;
  /** Schedules (or pushes back) the one rotation of a credential. */
  scheduleRotation(rotation: {
    credentialId: string;
    environmentId: string;
    dueAt: Date;
    scheduledBy: string;
  }): Promise<void>;
  listRotations(environmentId: string): Promise<ScheduledCredentialRotation[]>;
  claimDueRotations(options: {
    owner: string;
    limit: number;
    leaseSeconds: number;
    now: Date;
  }): Promise<ClaimedRotation[]>;
  /** Drops a rotation this instance ran (unless a reveal pushed it back meanwhile). */
  completeRotation(credentialId: string, owner: string): Promise<void>;
  /** Keeps a rotation that could not start, for another try at `retryAt`. */
  postponeRotation(
    credentialId: string,
    owner: string,
    retryAt: Date,
  ): Promise<void>;
}
