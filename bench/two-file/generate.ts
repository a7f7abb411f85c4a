/**
 * The independent two-file linkage problem: a left file of people (one record each, e.g. a
 * probation caseload) and a right file of treatment episodes, some of them the left people's.
 * Defaults: 50,000 left people, 500,000 episodes, 25,000 true (left, episode) pairs. A left
 * person in treatment has 1 to 3 episodes (85%, 12%, 3%), so one left record may truly match
 * several episodes while each episode matches at most one left record: per-right resolution.
 *
 * Writes left.csv (record_id, initials, dob, sex, postcode_district), right.csv (episode_id,
 * the same fields), and the truth apart from them: left_truth.csv and right_truth.csv
 * (id, entity) for `pathways score-links`. Seeded and deterministic.
 *
 *   node --import tsx bench/two-file/generate.ts --out DIR [--seed N] [--scale S]
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { drawPerson, makeGeography, type Person } from './population.ts';
import { LEFT_NOISE, RIGHT_NOISE, recordPerson, type RecordFields } from './noise.ts';
import { rng, sampler, shuffle } from './random.ts';

export interface TwoFileOptions {
  leftPeople: number;
  rightEpisodes: number;
  truePairs: number;
  seed: number;
}

export const DEFAULT_TWO_FILE: TwoFileOptions = { leftPeople: 50_000, rightEpisodes: 500_000, truePairs: 25_000, seed: 2026 };

export interface TwoFileWritten {
  dir: string;
  left: string;
  right: string;
  leftTruth: string;
  rightTruth: string;
  /** Left people with at least one episode, and episodes of people not on the left. */
  leftInTreatment: number;
  otherPeople: number;
}

const episodesOfLeftPerson = sampler([1, 2, 3], [85, 12, 3]);
const episodesOfOtherPerson = sampler([1, 2, 3, 4], [60, 25, 10, 5]);

function csv(header: string, rows: string[]): string {
  return `${header}\n${rows.join('\n')}\n`;
}

const line = (id: string, f: RecordFields) => `${id},${f.initials},${f.dob},${f.sex},${f.district}`;

export function generateTwoFile(dir: string, options: TwoFileOptions = DEFAULT_TWO_FILE): TwoFileWritten {
  const { leftPeople, rightEpisodes, truePairs, seed } = options;
  if (truePairs > rightEpisodes || truePairs > 3 * leftPeople) throw new Error(`two-file: ${truePairs} true pairs cannot fit ${leftPeople} left people and ${rightEpisodes} episodes`);
  const geo = makeGeography(rng(seed, 'geography'));
  const peopleRng = rng(seed, 'people');
  const left: Person[] = Array.from({ length: leftPeople }, () => drawPerson(peopleRng, geo));

  // Which left people are in treatment, and with how many episodes, up to exactly truePairs.
  const order = shuffle(left.map((_, i) => i), rng(seed, 'in-treatment'));
  const countRng = rng(seed, 'episode-counts');
  const episodeOwners: { person: Person; entity: string }[] = [];
  let taken = 0;
  for (const i of order) {
    if (episodeOwners.length >= truePairs) break;
    const n = Math.min(episodesOfLeftPerson(countRng), truePairs - episodeOwners.length);
    for (let k = 0; k < n; k++) episodeOwners.push({ person: left[i], entity: `p${i}` });
    taken++;
  }
  // Everyone else in treatment: people not on the left.
  let others = 0;
  while (episodeOwners.length < rightEpisodes) {
    const person = drawPerson(peopleRng, geo);
    const entity = `q${others++}`;
    const n = Math.min(episodesOfOtherPerson(countRng), rightEpisodes - episodeOwners.length);
    for (let k = 0; k < n; k++) episodeOwners.push({ person, entity });
  }
  // Rows in an order that says nothing about who matches whom; ids from that order.
  shuffle(episodeOwners, rng(seed, 'right-order'));
  const leftOrder = shuffle(left.map((_, i) => i), rng(seed, 'left-order'));

  const leftRng = rng(seed, 'left-records');
  const rightRng = rng(seed, 'right-records');
  const leftRows = leftOrder.map((i, k) => line(`L${String(k + 1).padStart(6, '0')}`, recordPerson(left[i], geo, LEFT_NOISE, leftRng)));
  const leftTruth = leftOrder.map((i, k) => `L${String(k + 1).padStart(6, '0')},p${i}`);
  const rightRows = episodeOwners.map((o, k) => line(`E${String(k + 1).padStart(7, '0')}`, recordPerson(o.person, geo, RIGHT_NOISE, rightRng)));
  const rightTruth = episodeOwners.map((o, k) => `E${String(k + 1).padStart(7, '0')},${o.entity}`);

  // Written beside the target and renamed into place, so a failure leaves no half-written set.
  const staging = `${dir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const header = 'initials,dob,sex,postcode_district';
  writeFileSync(join(staging, 'left.csv'), csv(`record_id,${header}`, leftRows));
  writeFileSync(join(staging, 'right.csv'), csv(`episode_id,${header}`, rightRows));
  writeFileSync(join(staging, 'left_truth.csv'), csv('id,entity', leftTruth));
  writeFileSync(join(staging, 'right_truth.csv'), csv('id,entity', rightTruth));
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  return {
    dir,
    left: join(dir, 'left.csv'),
    right: join(dir, 'right.csv'),
    leftTruth: join(dir, 'left_truth.csv'),
    rightTruth: join(dir, 'right_truth.csv'),
    leftInTreatment: taken,
    otherPeople: others,
  };
}

/** Run directly: write a set to --out (refused if it exists). */
if (import.meta.url === `file://${process.argv[1]}`) {
  const { parseArgs } = await import('node:util');
  const { existsSync } = await import('node:fs');
  const { values } = parseArgs({ options: { out: { type: 'string' }, seed: { type: 'string' }, scale: { type: 'string' } } });
  if (!values.out) throw new Error('two-file: --out DIR is required');
  if (existsSync(values.out)) throw new Error(`two-file: --out ${values.out} exists`);
  const scale = Number(values.scale ?? 1);
  const o = DEFAULT_TWO_FILE;
  const written = generateTwoFile(values.out, {
    leftPeople: Math.round(o.leftPeople * scale),
    rightEpisodes: Math.round(o.rightEpisodes * scale),
    truePairs: Math.round(o.truePairs * scale),
    seed: values.seed === undefined ? o.seed : Number(values.seed),
  });
  console.log(`wrote ${written.dir}: ${written.leftInTreatment} left people in treatment, ${written.otherPeople} other people`);
}
