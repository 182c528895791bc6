import { randomBytes } from 'node:crypto';
import {
  createMigratedDatabase,
  createVcfTestDatabases,
} from '../__testUtils__/vcfTestDatabases';
import {
  insertEnvironment,
  upstreamCredential,
} from '../__testUtils__/credentialFixtures';
import { DatabaseCredentialStore } from '../credentials/DatabaseCredentialStore';
import { SecretCipher } from './SecretCipher';
import { checkStoredSecretKeys } from './checkStoredSecretKeys';

const databases = createVcfTestDatabases();

describe.each(databases.eachSupportedId())(
  'checkStoredSecretKeys on %p',
  databaseId => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);

    /** A database holding credentials encrypted with `oldKey`. */
    async function databaseWithSecrets() {
      const knex = await createMigratedDatabase(databases, databaseId);
      await insertEnvironment(knex, 'env-a');
      const store = DatabaseCredentialStore.create({
        db: knex,
        cipher: new SecretCipher(oldKey),
      });
      await store.replaceSourceSet({
        environmentId: 'env-a',
        source: 'sddc-manager',
        credentials: [upstreamCredential(1), upstreamCredential(2)],
      });
      return knex;
    }

    it('passes on an empty database whatever the key', async () => {
      const knex = await createMigratedDatabase(databases, databaseId);
      await expect(
        checkStoredSecretKeys(knex, new SecretCipher(newKey)),
      ).resolves.toBeUndefined();
    });

    it('passes with the key the secrets were written with', async () => {
      const knex = await databaseWithSecrets();
      await expect(
        checkStoredSecretKeys(knex, new SecretCipher(oldKey)),
      ).resolves.toBeUndefined();
    });

    it('passes with a new key when the old one is among the previous keys', async () => {
      const knex = await databaseWithSecrets();
      await expect(
        checkStoredSecretKeys(knex, new SecretCipher(newKey, [oldKey])),
      ).resolves.toBeUndefined();
    });

    it('refuses a wrong key, naming the missing key id, the count and the fix', async () => {
      const knex = await databaseWithSecrets();
      const oldKeyId = new SecretCipher(oldKey).keyId;
      const wrong = new SecretCipher(newKey);
      const error: Error = await checkStoredSecretKeys(knex, wrong).then(
        () => {
          throw new Error('the check passed with a wrong key');
        },
        e => e,
      );
      expect(error.message).toContain(`${oldKeyId} (2 secrets)`);
      expect(error.message).toContain(wrong.keyId);
      expect(error.message).toContain('Set vcf.encryption.key back');
      expect(error.message).toContain('vcf.encryption.previousKeys');
      expect(error.message).toContain('does not start');
      // The key material itself never appears.
      expect(error.message).not.toContain(oldKey.toString('base64'));
      expect(error.message).not.toContain(newKey.toString('base64'));
    });
  },
);
