import type { Knex } from 'knex';
import type { SecretCipher } from './SecretCipher';

/** Tables with encrypted secrets, and the column that holds each row's key id. */
const SECRET_TABLES: ReadonlyArray<{ table: string; keyIdColumn: string }> = [
  { table: 'environment_endpoints', keyIdColumn: 'password_key_id' },
  { table: 'credentials', keyIdColumn: 'password_key_id' },
  { table: 'credential_history', keyIdColumn: 'password_key_id' },
  { table: 'vcenters', keyIdColumn: 'password_key_id' },
];

/**
 * Refuses to start over stored secrets that the configured keys cannot decrypt: with the wrong
 * `vcf.encryption.key`, reveals, exports, syncs and connection tests would all fail one by one later. The message
 * says which key ids are missing and how to fix it.
 * @internal
 */
export async function checkStoredSecretKeys(
  db: Knex,
  cipher: SecretCipher,
): Promise<void> {
  const missing = new Map<string, number>();
  for (const { table, keyIdColumn } of SECRET_TABLES) {
    const rows: Array<{ keyId: string | null; count: string | number }> =
      await db(table)
        .whereNotNull(keyIdColumn)
        .groupBy(keyIdColumn)
        .select({ keyId: keyIdColumn })
        .count({ count: '*' });
    for (const row of rows) {
      if (row.keyId && !cipher.hasKey(row.keyId)) {
        missing.set(
          row.keyId,
          (missing.get(row.keyId) ?? 0) + Number(row.count),
        );
      }
    }
  }
  if (!missing.size) return;
  const found = [...missing]
    .map(([id, count]) => `${id} (${count} secrets)`)
    .join(', ');
  throw new Error(
    `The VCF plugin's database holds secrets encrypted with key ${found}, which is neither vcf.encryption.key ` +
      `nor one of vcf.encryption.previousKeys (configured key ids: ${cipher.keyIds.join(
        ', ',
      )}). ` +
      'The encryption key was probably changed or lost. Set vcf.encryption.key back to the key those secrets were ' +
      'written with, or keep the new key and add the old one to vcf.encryption.previousKeys (it is then used to decrypt ' +
      'only). The backend does not start until then.',
  );
}
