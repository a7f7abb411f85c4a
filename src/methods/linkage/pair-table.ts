/**
 * A map from pairs (a, b) of non-negative 32-bit integers to non-negative integers, by open
 * addressing in typed arrays: a Map keyed by a * width + b would hold most keys as heap numbers
 * once they pass 2^31, and a Map keyed by one integer hashes each as an object key. Blocking
 * numbers its folded keys with it; u's one-edit index keeps its list heads in it (b = 0).
 */
export class PairTable {
  private readonly keyA: Int32Array;
  private readonly keyB: Int32Array;
  private readonly value: Int32Array;
  private readonly mask: number;
  private readonly shift: number;

  /** Room for `most` distinct pairs at a load of at most a half (at least 16 slots). */
  constructor(most: number) {
    let bits = 4;
    while (1 << bits < 2 * most) bits++;
    this.keyA = new Int32Array(1 << bits).fill(-1);
    this.keyB = new Int32Array(1 << bits);
    this.value = new Int32Array(1 << bits);
    this.mask = (1 << bits) - 1;
    this.shift = 32 - bits;
  }

  /** Where (a, b) is, or the empty slot it would take. */
  private slot(a: number, b: number): number {
    // The high bits of a multiplicative hash.
    let slot = Math.imul(Math.imul(a, 0x9e3779b1) ^ b, 0x85ebca77) >>> this.shift;
    for (;;) {
      const k = this.keyA[slot];
      if (k < 0 || (k === a && this.keyB[slot] === b)) return slot;
      slot = (slot + 1) & this.mask;
    }
  }

  /** The value of (a, b), or -1 when it has none. */
  get(a: number, b: number): number {
    const slot = this.slot(a, b);
    return this.keyA[slot] < 0 ? -1 : this.value[slot];
  }

  /** The value of (a, b); when it has none, `value` becomes it. */
  getOrSet(a: number, b: number, value: number): number {
    const slot = this.slot(a, b);
    if (this.keyA[slot] >= 0) return this.value[slot];
    this.keyA[slot] = a;
    this.keyB[slot] = b;
    this.value[slot] = value;
    return value;
  }

  /** Gives (a, b) `value`; returns the value it replaces, or -1. */
  replace(a: number, b: number, value: number): number {
    const slot = this.slot(a, b);
    const before = this.keyA[slot] < 0 ? -1 : this.value[slot];
    this.keyA[slot] = a;
    this.keyB[slot] = b;
    this.value[slot] = value;
    return before;
  }
}
