/**
 * Named, counter-based random streams.
 *
 * Every stage, dataset and entity draws from its own stream derived from
 * (master seed, stream name, entity index). Nothing is shared, so adding a draw in one
 * stream never shifts another: that is what keeps the world identical when only a noise
 * knob changes (common random numbers), and what lets any worker generate any slice.
 *
 * Each entity's generator is seedrandom's Tyche-i, seeded with a 53-bit integer that this file
 * derives from (master seed, name, index). A stream per entity means millions of
 * constructions, so the seed is a number: seedrandom's default generator hashes a string seed
 * through ARC4 and is about 20 times slower to construct; Tyche-i from an integer is the
 * cheapest of seedrandom's (`npm run bench -- random` measures them). What is left to save is
 * constructions nobody draws from: `reusableLazy` makes a generator only when one is drawn from.
 */
import seedrandom from 'seedrandom';

/** FNV-1a over a string (its first `length` characters): stable across processes and platforms. */
export function hashString(text: string, seed = 0x811c9dc5, length = text.length): number {
  let h = seed >>> 0;
  for (let i = 0; i < length; i++) {
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

/**
 * seedrandom's typings admit only string seeds, but Tyche-i takes an integer directly (as its
 * 53-bit state words a and b), which skips the string mixing; hence the narrower signature.
 */
const tychei = seedrandom.tychei as unknown as (seed: number) => seedrandom.PRNG;

/** One entity's draws: seedrandom's Tyche-i from an integer seed. */
class SeededRng implements Rng {
  private spare = NaN;
  /**
   * The generator's raw 32-bit step (seedrandom's `int32`), kept rather than the PRNG function
   * itself: the same uniforms, (int32 >>> 0) / 2^32, with one call fewer per draw, and the
   * PRNG's other closures left to die young.
   */
  private readonly int32: () => number;

  constructor(seed: number) {
    this.int32 = tychei(seed).int32;
  }

  private draw(): number {
    return (this.int32() >>> 0) / 4294967296;
  }

  next(): number {
    return this.draw();
  }

  int(n: number): number {
    return Math.floor(this.draw() * n);
  }

  chance(p: number): boolean {
    return p > 0 && this.draw() < p;
  }

  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = NaN;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.draw();
    const v = this.draw();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

/** A generator seeded on first use (and re-pointed at another entity by `point`, seeded again only if drawn from). */
class LazyRng implements Rng {
  private rng: SeededRng | null = null;
  constructor(
    private readonly key: number,
    private index: number,
  ) {}

  point(index: number): void {
    this.index = index;
    this.rng = null;
  }

  private made(): SeededRng {
    this.rng ??= new SeededRng(entitySeed(this.key, this.index));
    return this.rng;
  }

  next(): number {
    return this.made().next();
  }

  int(n: number): number {
    return this.made().int(n);
  }

  chance(p: number): boolean {
    return this.made().chance(p);
  }

  normal(): number {
    return this.made().normal();
  }

  pick<T>(items: readonly T[]): T {
    return this.made().pick(items);
  }
}

/**
 * The integer seed of one entity's generator: the low 32 bits are a bijection of the index's
 * low word for a given stream key, so no two entities of a stream below 2^32 share a seed; the
 * high 21 bits (Tyche-i reads at most 53) mix the key with both words of the index.
 */
export function entitySeed(key: number, index: number): number {
  const lo = index >>> 0;
  const hi = Math.floor(index / 4294967296) >>> 0;
  const low = mix32(key ^ lo);
  const high = mix32(mix32((key + 0x6d2b79f5) ^ hi) ^ (lo + 0x3c6ef372)) >>> 11;
  return high * 4294967296 + low;
}

/** A named stream: call `.at(index)` for the generator of one entity. */
export interface Stream {
  readonly name: string;
  at(index: number): Rng;
  /**
   * For a stream most entities never draw from (what an error looks like, asked only when one
   * happens): `reseed(index)` points one handle at that entity (the draws `at(index)` gives),
   * and its generator is made only when first drawn from.
   */
  reusableLazy(): { reseed(index: number): Rng };
  /** The first `out.length` uniforms of entity `index` (those `at(index).next()` gives), into `out`. */
  uniforms(index: number, out: Float64Array): void;
}

export function stream(masterSeed: number, name: string): Stream {
  const key = hashString(name, mix32(masterSeed >>> 0) ^ 0x9e3779b9);
  return {
    name,
    at(index: number): Rng {
      return new SeededRng(entitySeed(key, index));
    },
    uniforms(index: number, out: Float64Array): void {
      const int32 = tychei(entitySeed(key, index)).int32;
      for (let k = 0; k < out.length; k++) out[k] = (int32() >>> 0) / 4294967296;
    },
    reusableLazy() {
      const rng = new LazyRng(key, 0);
      return {
        reseed(index: number): Rng {
          rng.point(index);
          return rng;
        },
      };
    },
  };
}
