import type { SeededRandom } from './SeededRandom';

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';
/** The special characters VCF accepts in every appliance password: `[!%@$^#?]`. */
const SPECIAL = '!%@$^#?';
const ALL = UPPER + LOWER + DIGITS + SPECIAL;

function hasCharacterRepeatedThrice(password: string): boolean {
  return /(.)\1\1/.test(password);
}

/**
 * Generates a password every VCF component accepts: 16 to 20 characters (the
 * VCF 9 vCenter root password needs 15 or more, the VCF 5.2 one at most 20),
 * with at least one upper-case letter, lower-case letter, digit and special
 * character, and no character three times in a row.
 */
export function generatePassword(random: SeededRandom): string {
  for (;;) {
    const length = random.integer(16, 20);
    const chars = [
      random.pick(UPPER),
      random.pick(LOWER),
      random.pick(DIGITS),
      random.pick(SPECIAL),
    ];
    while (chars.length < length) {
      chars.push(random.pick(ALL));
    }
    // Shuffle so the guaranteed classes are not always in front.
    for (let i = chars.length - 1; i > 0; i--) {
      const j = random.integer(0, i);
      [chars[i], chars[j]] = [chars[j], chars[i]];
    }
    const password = chars.join('');
    if (!hasCharacterRepeatedThrice(password)) {
      return password;
    }
  }
}
