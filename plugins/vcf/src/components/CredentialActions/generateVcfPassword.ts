import {
  VCF_PASSWORD_POLICY,
  vcfPasswordPolicyViolation,
} from '@vcf-backstage/plugin-vcf-common';

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';
const ALL = UPPER + LOWER + DIGITS + VCF_PASSWORD_POLICY.specialCharacters;

function randomIndex(max: number): number {
  const values = new Uint32Array(1);
  crypto.getRandomValues(values);
  return values[0] % max;
}

function pick(chars: string): string {
  return chars[randomIndex(chars.length)];
}

/**
 * A random password that meets {@link VCF_PASSWORD_POLICY}, from the browser's cryptographic random source.
 * Look-alike characters (0/O, 1/l/I) are left out so it can be read aloud.
 */
export function generateVcfPassword(): string {
  for (;;) {
    const chars = [
      pick(UPPER),
      pick(LOWER),
      pick(DIGITS),
      pick(VCF_PASSWORD_POLICY.specialCharacters),
    ];
    while (chars.length < VCF_PASSWORD_POLICY.maxLength) chars.push(pick(ALL));
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomIndex(i + 1);
      [chars[i], chars[j]] = [chars[j], chars[i]];
    }
    const password = chars.join('');
    if (!vcfPasswordPolicyViolation(password)) return password;
  }
}
