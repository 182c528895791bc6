/**
 * Hashes a string to a 32-bit seed (cyrb53 folded to 32 bits), so that any
 * text such as `"<seed>:<environment>:credentials"` names its own stream.
 */
function hashToSeed(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 ^ h2) >>> 0;
}

/**
 * A small deterministic pseudo-random generator (mulberry32).
 *
 * The simulator never uses `Math.random` for data: the same seed must give the
 * same environments, credentials and passwords on every run.
 */
export class SeededRandom {
  private state: number;

  /** Creates a stream identified by any number of key parts, e.g. `('seed', 'vcf01', 'credentials')`. */
  static forKey(...parts: Array<string | number>): SeededRandom {
    return new SeededRandom(hashToSeed(parts.join(':')));
  }

  private constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** One element of a non-empty list (or one character of a string). */
  pick<T>(items: ArrayLike<T>): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** True with the given probability. */
  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** `length` lower-case hex digits. */
  hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) {
      out += Math.floor(this.next() * 16).toString(16);
    }
    return out;
  }

  /** A version-4 shaped UUID, e.g. `1f0c3c7e-5a2b-4d8e-9c1a-0b7e2f3d4c5a`. */
  uuid(): string {
    const variant = (8 + Math.floor(this.next() * 4)).toString(16);
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${variant}${this.hex(
      3,
    )}-${this.hex(12)}`;
  }
}
