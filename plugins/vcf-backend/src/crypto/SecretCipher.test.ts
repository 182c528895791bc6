import { randomBytes } from 'node:crypto';
import { ConfigReader } from '@backstage/config';
import { SecretCipher } from './SecretCipher';

describe('SecretCipher', () => {
  it('round-trips a secret and never stores it in clear', () => {
    const cipher = new SecretCipher(randomBytes(32));
    const secret = cipher.encrypt('VMware1!canary');
    expect(secret.ciphertext).not.toContain('VMware1!canary');
    expect(secret.ciphertext.startsWith('v1.')).toBe(true);
    expect(cipher.decrypt(secret)).toBe('VMware1!canary');
  });

  it('uses a fresh IV for each encryption', () => {
    const cipher = new SecretCipher(randomBytes(32));
    expect(cipher.encrypt('same').ciphertext).not.toBe(
      cipher.encrypt('same').ciphertext,
    );
  });

  it('reads rows written with a previous key after rotation', () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const written = new SecretCipher(oldKey).encrypt('before rotation');
    const rotated = new SecretCipher(newKey, [oldKey]);
    expect(rotated.decrypt(written)).toBe('before rotation');
    expect(rotated.keyId).not.toBe(written.keyId);
    expect(() => new SecretCipher(newKey).decrypt(written)).toThrow(
      /neither vcf.encryption.key/,
    );
  });

  it('rejects a tampered ciphertext', () => {
    const cipher = new SecretCipher(randomBytes(32));
    const secret = cipher.encrypt('secret');
    const parts = secret.ciphertext.split('.');
    parts[3] = Buffer.from('tampered').toString('base64');
    expect(() =>
      cipher.decrypt({ ...secret, ciphertext: parts.join('.') }),
    ).toThrow();
  });

  it('refuses to start without a key and says how to make one', () => {
    expect(() => SecretCipher.fromConfig(new ConfigReader({}))).toThrow(
      /randomBytes\(32\)/,
    );
    expect(() =>
      SecretCipher.fromConfig(
        new ConfigReader({ vcf: { encryption: { key: 'c2hvcnQ=' } } }),
      ),
    ).toThrow(/32 random bytes/);
  });
});
