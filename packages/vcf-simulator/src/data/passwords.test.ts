import { generatePassword } from './passwords';
import { SeededRandom } from './SeededRandom';

describe('generatePassword', () => {
  it('meets the password rules of every VCF component', () => {
    const random = SeededRandom.forKey('passwords-test');
    for (let i = 0; i < 2000; i++) {
      const password = generatePassword(random);
      expect(password.length).toBeGreaterThanOrEqual(16);
      expect(password.length).toBeLessThanOrEqual(20);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[0-9]/);
      expect(password).toMatch(/[!%@$^#?]/);
      expect(password).toMatch(/^[A-Za-z0-9!%@$^#?]+$/);
      expect(password).not.toMatch(/(.)\1\1/);
    }
  });

  it('repeats for the same stream and differs between streams', () => {
    const take = (key: string) => {
      const random = SeededRandom.forKey(key);
      return [1, 2, 3].map(() => generatePassword(random));
    };
    expect(take('a')).toEqual(take('a'));
    expect(take('a')).not.toEqual(take('b'));
  });
});
