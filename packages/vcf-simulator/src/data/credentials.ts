import type { Credential, ExpirationDetails } from './apiTypes';
import { SeededRandom } from './SeededRandom';
import type { EnvironmentTopology } from './topology';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Input of {@link credentialsFromTopology}. */
export interface CredentialsInput {
  seed: string;
  topology: EnvironmentTopology;
  credentialCount: number;
  /** Dates are generated relative to it, so the same seed and date give the same data. */
  referenceDate: Date;
}

function isoDaysFrom(reference: Date, days: number): string {
  return new Date(reference.getTime() + days * DAY_MS).toISOString();
}

/** Mostly ACTIVE; 3% ERROR and 2% UNKNOWN. */
function pickConnectivityStatus(roll: number): string {
  if (roll < 0.03) return 'ERROR';
  if (roll < 0.05) return 'UNKNOWN';
  return 'ACTIVE';
}

/**
 * Expiry details with a realistic spread: most ACTIVE, some EXPIRING (within
 * 14 days), a few EXPIRED or UNKNOWN, and a few credentials with none at all.
 */
function generateExpiry(
  random: SeededRandom,
  referenceDate: Date,
): ExpirationDetails | undefined {
  const roll = random.next();
  if (roll < 0.03) {
    return undefined;
  }
  const lastCheckedDate = isoDaysFrom(referenceDate, -random.next());
  const connectivityStatus = pickConnectivityStatus(random.next());
  if (roll < 0.07) {
    return {
      expiryDate: isoDaysFrom(referenceDate, -random.integer(1, 60)),
      lastCheckedDate,
      connectivityStatus,
      status: 'EXPIRED',
    };
  }
  if (roll < 0.15) {
    return {
      expiryDate: isoDaysFrom(referenceDate, random.integer(1, 14)),
      lastCheckedDate,
      connectivityStatus,
      status: 'EXPIRING',
    };
  }
  if (roll < 0.17) {
    return {
      lastCheckedDate,
      connectivityStatus: 'UNKNOWN',
      status: 'UNKNOWN',
    };
  }
  return {
    expiryDate: isoDaysFrom(referenceDate, random.integer(30, 365)),
    lastCheckedDate,
    connectivityStatus,
    status: 'ACTIVE',
  };
}

/**
 * Shapes the accounts of a topology into the `Credential` objects of
 * `GET /v1/credentials`, in topology order, cut to `credentialCount`.
 */
export function credentialsFromTopology(input: CredentialsInput): Credential[] {
  const { topology, referenceDate } = input;
  const random = SeededRandom.forKey(
    input.seed,
    topology.environmentId,
    'credentials',
  );
  const credentials: Credential[] = [];
  for (const resource of topology.resources) {
    for (const account of resource.accounts) {
      if (credentials.length >= input.credentialCount) {
        return credentials;
      }
      // Created 30 to 700 days ago at any time of day, modified some time since.
      const ageDays = random.integer(30, 700) - random.next();
      const creationTimestamp = isoDaysFrom(referenceDate, -ageDays);
      const modificationTimestamp = isoDaysFrom(
        referenceDate,
        -ageDays * random.next(),
      );
      const credential: Credential = {
        id: random.uuid(),
        credentialType: account.credentialType,
        accountType: account.accountType,
        username: account.username,
        password: account.password,
        creationTimestamp,
        modificationTimestamp,
        resource: {
          resourceId: resource.id,
          resourceName: resource.name,
          resourceIp: resource.ip,
          resourceType: resource.type,
          domainNames: [resource.domainName],
          domainName: resource.domainName,
        },
      };
      const expiry = generateExpiry(random, referenceDate);
      if (expiry) {
        credential.expiry = expiry;
      }
      if (random.chance(0.25)) {
        const frequencyInDays = random.pick([30, 60, 90]);
        credential.autoRotatePolicy = {
          frequencyInDays,
          nextSchedule: isoDaysFrom(
            referenceDate,
            random.integer(1, frequencyInDays),
          ),
        };
      }
      credentials.push(credential);
    }
  }
  return credentials;
}
