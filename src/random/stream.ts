/**
 * Named, counter-based random streams.
 *
 * Every stage, dataset and entity draws from its own stream derived from
 * (master seed, stream name, entity index). Nothing is shared, so adding a draw in one
 * stream never shifts another: that is what keeps the world identical when only a noise
 * knob changes (common random numbers), and what lets any worker generate any slice.
 *
 * We use our own small generator (sfc32 seeded through a 32-bit mix) rather than
 * seedrandom because a stream per entity means millions of constructions, and seedrandom's
 * string-hash seeding is far slower for that use.
 */

/** FNV-1a over a string: stable across processes and platforms. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A strong 32-bit finaliser (murmur3 fmix32), used to decorrelate neighbouring indices. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** Standard normal. */
  normal(): number;
  /** Pick an element of an array uniformly. */
  pick<T>(items: readonly T[]): T;
}

class Sfc32 implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = NaN;

  constructor(a: number, b: number, c: number) {
    this.a = a >>> 0;
    this.b = b >>> 0;
    this.c = c >>> 0;
    this.d = 1;
    // Discard the first outputs: sfc32 needs a few rounds to mix a low-entropy state.
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  private nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  next(): number {
    return this.nextU32() / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }

  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = NaN;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

/** A named stream: call `.at(index)` for the generator of one entity. */
export interface Stream {
  readonly name: string;
  at(index: number): Rng;
}

export function stream(masterSeed: number, name: string): Stream {
  const key = hashString(name, mix32(masterSeed >>> 0) ^ 0x9e3779b9);
  return {
    name,
    at(index: number): Rng {
      const lo = index >>> 0;
      const hi = Math.floor(index / 4294967296) >>> 0;
      return new Sfc32(mix32(key ^ lo), mix32((key + 0x6d2b79f5) ^ hi), mix32(lo + 0x3c6ef372) ^ key);
    },
  };
}
