/**
 * Stream draws: what one entity's generator costs. Every person, requirement and record makes
 * its own generator, so construction matters as much as drawing. Compares the bench's streams
 * (seedrandom's Tyche-i from an integer seed, src/random/stream.ts: a generator made per
 * entity, or the uniforms alone) with seedrandom's other generators and with the
 * sfc32 stream the bench used before, each made from the same integer seeds and drawn 8 times (about
 * what an entity draws).
 */
import seedrandom from 'seedrandom';
import type { Benchmark } from './benchmark.ts';
import { entitySeed, hashString, mix32, stream, type Stream } from '../src/random/stream.ts';

const GENERATORS = 10_000;
const DRAWS = 8;

/**
 * The bench's previous stream (sfc32 with 12 warm-up draws, seeded from the same key and index
 * through three 32-bit mixes), kept here only as the yardstick the switch was measured against.
 */
class PreviousSfc32 {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;
  constructor(key: number, index: number) {
    const lo = index >>> 0;
    const hi = Math.floor(index / 4294967296) >>> 0;
    this.a = mix32(key ^ lo);
    this.b = mix32((key + 0x6d2b79f5) ^ hi);
    this.c = (mix32(lo + 0x3c6ef372) ^ key) >>> 0;
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
}

type Numeric = (seed: number) => () => number;
// seedrandom's typings admit string seeds only; these generators take integers too.
const tychei = seedrandom.tychei as unknown as Numeric;
const xor128 = seedrandom.xor128 as unknown as Numeric;

/*
 * One loop per generator, each its own function, so that no call site sees two kinds of
 * generator (a shared loop would turn polymorphic and slow every task after the first). Each
 * returns the sum of the draws so the work cannot be optimised away.
 */
function drawStream(people: Stream): number {
  let sum = 0;
  for (let i = 0; i < GENERATORS; i++) {
    const r = people.at(i);
    for (let k = 0; k < DRAWS; k++) sum += r.next();
  }
  return sum;
}

function drawUniforms(people: Stream): number {
  let sum = 0;
  const out = new Float64Array(DRAWS);
  for (let i = 0; i < GENERATORS; i++) {
    people.uniforms(i, out);
    for (let k = 0; k < DRAWS; k++) sum += out[k];
  }
  return sum;
}

function drawPrevious(key: number): number {
  let sum = 0;
  for (let i = 0; i < GENERATORS; i++) {
    const r = new PreviousSfc32(key, i);
    for (let k = 0; k < DRAWS; k++) sum += r.next();
  }
  return sum;
}

function drawTychei(seeds: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < GENERATORS; i++) {
    const next = tychei(seeds[i]);
    for (let k = 0; k < DRAWS; k++) sum += next();
  }
  return sum;
}

function drawXor128(seeds: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < GENERATORS; i++) {
    const next = xor128(seeds[i]);
    for (let k = 0; k < DRAWS; k++) sum += next();
  }
  return sum;
}

function drawAlea(seeds: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < GENERATORS; i++) {
    const next = seedrandom.alea(String(seeds[i]));
    for (let k = 0; k < DRAWS; k++) sum += next();
  }
  return sum;
}

function drawArc4(seeds: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < GENERATORS; i++) {
    const next = seedrandom(String(seeds[i]));
    for (let k = 0; k < DRAWS; k++) sum += next();
  }
  return sum;
}

export const randomBenchmark: Benchmark = {
  name: 'random',
  description: `stream draws: ${GENERATORS.toLocaleString('en-GB')} generators constructed from integer seeds, ${DRAWS} draws each`,
  async run(recorder) {
    // The key stream('bench.random') derives from master seed 42, computed the same way.
    const key = hashString('bench.random', mix32(42) ^ 0x9e3779b9);
    const seeds = Float64Array.from({ length: GENERATORS }, (_, i) => entitySeed(key, i));
    const people = stream(42, 'bench.random');
    const items = { items: GENERATORS, itemUnit: 'generators' };
    await recorder.micro([
      { name: 'stream(seed, name).at(i) (Tyche-i)', fn: () => drawStream(people), ...items },
      { name: 'stream(seed, name).uniforms(i, out) (no generator object)', fn: () => drawUniforms(people), ...items },
      { name: 'previous stream: sfc32 + 12 warm-up draws', fn: () => drawPrevious(key), ...items },
      { name: 'seedrandom.tychei(integer)', fn: () => drawTychei(seeds), ...items },
      { name: 'seedrandom.xor128(integer)', fn: () => drawXor128(seeds), ...items },
      { name: 'seedrandom.alea(string)', fn: () => drawAlea(seeds), ...items },
      { name: 'seedrandom(string) (ARC4)', fn: () => drawArc4(seeds), ...items },
    ]);
    const one = people.at(1);
    await recorder.micro([{ name: 'draws from one generator', fn: () => { let s = 0; for (let k = 0; k < 100_000; k++) s += one.next(); return s; }, items: 100_000, itemUnit: 'draws' }]);
  },
};
