import {
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
} from 'node:crypto';
import type { Config } from '@backstage/config';

/**
 * A secret encrypted with AES-256-GCM, and the id of the key that did it.
 * @internal
 */
export interface EncryptedSecret {
  /** `v1.<iv>.<tag>.<ciphertext>`, each part base64. */
  ciphertext: string;
  keyId: string;
}

const KEY_HINT =
  "Make one with: node -e \"console.log(require('crypto').randomBytes(32).toString('base64'))\" " +
  'and set it as vcf.encryption.key (for example through the VCF_ENCRYPTION_KEY environment variable).';

function parseKey(encoded: string, where: string): Buffer {
  const key = Buffer.from(encoded.trim(), 'base64');
  if (key.length !== 32) {
    throw new Error(
      `${where} must be 32 random bytes, base64-encoded (got ${key.length} bytes). ${KEY_HINT}`,
    );
  }
  return key;
}

function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/**
 * Encrypts and decrypts stored passwords with AES-256-GCM. New secrets use the current key; rows written with an
 * earlier key (listed in `vcf.encryption.previousKeys`) can still be read, so keys can be rotated.
 * @internal
 */
export class SecretCipher {
  private readonly currentKeyId: string;
  private readonly keys: Map<string, Buffer>;

  /** Reads `vcf.encryption`; throws a message that says how to make a key when there is none. */
  static fromConfig(config: Config): SecretCipher {
    const encoded = config.getOptionalString('vcf.encryption.key');
    if (!encoded) {
      throw new Error(
        `The VCF plugin needs an encryption key for the passwords it stores, and vcf.encryption.key is not set. ${KEY_HINT}`,
      );
    }
    const previous =
      config.getOptionalStringArray('vcf.encryption.previousKeys') ?? [];
    return new SecretCipher(
      parseKey(encoded, 'vcf.encryption.key'),
      previous.map((k, i) => parseKey(k, `vcf.encryption.previousKeys[${i}]`)),
    );
  }

  constructor(currentKey: Buffer, previousKeys: Buffer[] = []) {
    this.currentKeyId = keyIdOf(currentKey);
    this.keys = new Map([
      ...previousKeys.map(k => [keyIdOf(k), k] as const),
      [this.currentKeyId, currentKey],
    ]);
  }

  /** The id of the key new secrets are encrypted with. */
  get keyId(): string {
    return this.currentKeyId;
  }

  /** Whether secrets written with this key id can be decrypted (the current key or one of the previous keys). */
  hasKey(keyId: string): boolean {
    return this.keys.has(keyId);
  }

  /** The ids of the configured keys, current first. */
  get keyIds(): string[] {
    return [
      this.currentKeyId,
      ...[...this.keys.keys()].filter(id => id !== this.currentKeyId),
    ];
  }

  encrypt(plaintext: string): EncryptedSecret {
    const iv = randomBytes(12);
    const cipher = createCipheriv(
      'aes-256-gcm',
      this.keys.get(this.currentKeyId)!,
      iv,
    );
    const body = Buffer.concat([
      cipher.update(plaintext, 'utf8'),
      cipher.final(),
    ]);
    const tag = cipher.getAuthTag();
    return {
      ciphertext: [
        'v1',
        iv.toString('base64'),
        tag.toString('base64'),
        body.toString('base64'),
      ].join('.'),
      keyId: this.currentKeyId,
    };
  }

  decrypt(secret: EncryptedSecret): string {
    const key = this.keys.get(secret.keyId);
    if (!key) {
      throw new Error(
        `A stored secret is encrypted with key ${secret.keyId}, which is neither vcf.encryption.key nor one of vcf.encryption.previousKeys`,
      );
    }
    const [version, iv, tag, body] = secret.ciphertext.split('.');
    if (version !== 'v1' || !iv || !tag || body === undefined) {
      throw new Error(
        'A stored secret is not in a format this version can read',
      );
    }
    const decipher = createDecipheriv(
      'aes-256-gcm',
      key,
      Buffer.from(iv, 'base64'),
    );
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([
      decipher.update(Buffer.from(body, 'base64')),
      decipher.final(),
    ]).toString('utf8');
  }
}
