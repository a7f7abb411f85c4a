/**
 * `pathways identify` (issue 20): the shipped plans resolve, each published figure comes from
 * the stage the plan runs for it, a draw on the bench gives recovered figures beside their
 * truths, and shards, merge and --resume give what one uninterrupted run gives. The shard and
 * resume tests use a cheap stand-in simulator: what they check is the bookkeeping, not worlds.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { figureKey, type Knobs, type Simulated } from '../../src/identify/abc.ts';
import { readIdentifyPlan, type ResolvedPlan } from '../../src/identify/plan.ts';
import { identifyRecord, openStaging, runIdentify, simulateDraw, stagingFolder } from '../../src/identify/run.ts';
import { neededFor, stageOfFigure } from '../../src/identify/stages.ts';
import { finishIdentify, finishShard, mergeIdentify } from '../../src/identify/write.ts';
import { shardFolder } from '../../src/experiments/sweep.ts';
import { loadTargets } from '../../src/evaluate/targets.ts';
import { recordsInMemory } from '../../src/experiments/world.ts';
import { runStagesInMemory } from '../../src/pipeline/run.ts';
import { STAGES } from '../../src/pipeline/stages/index.ts';
import { silent } from '../../src/pipeline/progress.ts';
import { studyMethods } from '../../src/methods/load.ts';
import { ROOT, scenario, tempDir } from '../helpers.ts';

/** A linkage plan on a 20,000-person background, so that a draw takes seconds. */
function smallPlan(dir: string, budget: number): string {
  writeFileSync(join(dir, 'small.yaml'), `extends: ${join(ROOT, 'scenarios/baseline.yaml')}\nname: small-background\nbackground:\n  people: 20000\n`);
  const path = join(dir, 'plan.yaml');
  const plan = {
    name: 'small',
    aims: 'test identify',
    scenario: 'small.yaml',
    scale: 0.02,
    seed: 5,
    budget,
    priors: { 'noise.multiplier': [0.5, 3], 'treatment.structured.intercept.ATR': [-0.5, 0.5] },
    figures: [
      { id: 'link.structured.pct', group: 'ATR', tolerance: 8 },
      { id: 'link.structured.pct', group: 'DRR', tolerance: 8 },
    ],
    quantities: [{ id: 'linkage.recall', group: 'all' }],
  };
  writeFileSync(path, JSON.stringify(plan));
  return path;
}

/** A stand-in for a world: figures as smooth functions of the knobs, noise from the seed. */
const fake = async (knobs: Knobs, seed: number): Promise<Record<string, Simulated>> => {
  const noise = ((seed * 7919) % 13) / 13 - 0.5;
  const truth = 50 + 20 * knobs['treatment.structured.intercept.ATR'];
  const recovered = truth - 3 * knobs['noise.multiplier'] + noise;
  return {
    [figureKey({ id: 'link.structured.pct', group: 'ATR' })]: { recovered, truth },
    [figureKey({ id: 'link.structured.pct', group: 'DRR' })]: { recovered: recovered - 8, truth: truth - 9 },
    [figureKey({ id: 'linkage.recall', group: 'all' })]: { recovered: 95 - 4 * knobs['noise.multiplier'], truth: null },
  };
};

async function wholeRun(plan: ResolvedPlan, out: string): Promise<void> {
  const record = identifyRecord(plan);
  const { folder, done } = openStaging(out, record, false);
  const draws = await runIdentify(plan, folder, done, undefined, () => {}, { simulate: fake });
  await finishIdentify(folder, out, record, draws);
}

describe('identify plans', () => {
  it('the shipped plans resolve, each running only the stages its figures need', () => {
    const engagement = readIdentifyPlan(join(ROOT, 'scenarios/identify/engagement.yaml'));
    const linkage = readIdentifyPlan(join(ROOT, 'scenarios/identify/linkage.yaml'));
    expect(engagement.stages.map((s) => s.name)).toEqual(['linkage', 'notes']);
    expect(linkage.stages.map((s) => s.name)).toEqual(['linkage']);
    expect(linkage.figures.map((f) => [f.id, f.group, f.published])).toEqual([
      ['link.structured.pct', 'ATR', 54],
      ['link.structured.pct', 'DRR', 45],
    ]);
  });

  it('scales a count figure and its tolerance with the plan', () => {
    const dir = tempDir('identify-plan');
    const path = join(dir, 'p.yaml');
    writeFileSync(path, JSON.stringify({ name: 'c', aims: 'counts', scenario: join(ROOT, 'scenarios/baseline.yaml'), scale: 0.1, priors: { 'noise.multiplier': [0.5, 2] }, figures: [{ id: 'link.structured', group: 'ATR', tolerance: 500 }, { id: 'link.structured.pct', group: 'ATR' }] }));
    const p = readIdentifyPlan(path, { budget: 7 });
    expect(p.plan.budget).toBe(7);
    expect(p.figures[0].published).toBeCloseTo(1138.9, 6);
    expect(p.figures[0].tolerance).toBeCloseTo(50, 6);
    // Unset, a percentage's tolerance is calibrate's two points.
    expect(p.figures[1].tolerance).toBe(2);
  });
});

describe('identify on the bench', () => {
  it('every published figure comes from the stage the plan runs for it', async () => {
    for (const t of loadTargets()) expect(stageOfFigure(t.id), t.id).not.toBeNull();
    const s = scenario('baseline', { background: { people: 20000 } });
    const results = await runStagesInMemory({ tables: recordsInMemory(s, 0.02, 3), scenario: s, seed: 3, scale: 0.02, methods: studyMethods(), stages: STAGES, progress: silent });
    const published = results.estimates.filter((e) => e.published !== null);
    expect(published.length).toBeGreaterThan(100);
    // Every estimate, published or not: a sweep keeping some estimands runs and evaluates only their stages.
    for (const e of results.estimates) expect(`${e.id}: ${stageOfFigure(e.id)}`).toBe(`${e.id}: ${e.stage}`);
    // Keeping a few estimands: only their stages evaluated, and the same estimates as the full run.
    const needed = neededFor(['link.structured.pct', 'nlp.engaged.pct', 'regression.reconvicted.*']);
    expect([...needed.evaluated].sort()).toEqual(['linkage', 'notes', 'reconviction']);
    expect(needed.keeps('regression.world_fit.')).toBe(false);
    expect(neededFor(['link.*']).stages.map((st) => st.name)).toEqual(['linkage']);
    const some = await runStagesInMemory({ tables: recordsInMemory(s, 0.02, 3), scenario: s, seed: 3, scale: 0.02, methods: studyMethods(), stages: needed.stages, evaluated: needed.evaluated, keeps: needed.keeps, progress: silent });
    const kept = (es: typeof some.estimates) => es.filter((e) => ['link.structured.pct', 'nlp.engaged.pct'].includes(e.id) || e.id.startsWith('regression.reconvicted.'));
    expect(kept(some.estimates).length).toBeGreaterThan(3);
    expect(kept(some.estimates)).toEqual(kept(results.estimates));
    // The costly estimates nobody keeps are left out: the regressions on the true outcomes, the out-of-voice classifier.
    expect(results.estimates.filter((e) => /^(regression\.world_fit|nlp\.notes\.out_of_voice)\./.test(e.id)).length).toBeGreaterThan(3);
    expect(some.estimates.filter((e) => /^(regression\.world_fit|nlp\.notes\.out_of_voice)\./.test(e.id))).toEqual([]);
    expect(some.estimates.filter((e) => e.stage === 'cohort')).toEqual([]);
    // The method too: the models of being linked to treatment are not fitted when nobody keeps them.
    expect(results.estimates.filter((e) => e.id.startsWith('regression.linked.')).length).toBeGreaterThan(3);
    expect(some.estimates.filter((e) => e.id.startsWith('regression.linked.'))).toEqual([]);
  });

  it("a draw gives each figure's recovered value beside its truth, the same again for the same knobs and seed", async () => {
    const dir = tempDir('identify-draw');
    const plan = readIdentifyPlan(smallPlan(dir, 1));
    const knobs = { 'noise.multiplier': 2, 'treatment.structured.intercept.ATR': 0.3 };
    const a = await simulateDraw(plan, knobs, 11);
    const atr = a[figureKey({ id: 'link.structured.pct', group: 'ATR' })];
    expect(atr.recovered).toBeGreaterThan(20);
    expect(atr.truth).toBeGreaterThan(20);
    expect(a[figureKey({ id: 'linkage.recall', group: 'all' })].recovered).toBeGreaterThan(50);
    expect(await simulateDraw(plan, knobs, 11)).toEqual(a);
  });

  it('draws on 2 worker threads are the draws one thread makes, and the draw log holds each once', async () => {
    const dir = tempDir('identify-workers');
    const plan = readIdentifyPlan(smallPlan(dir, 3));
    const record = identifyRecord(plan);
    const runs: Awaited<ReturnType<typeof runIdentify>>[] = [];
    for (const workers of [1, 2]) {
      const { folder } = openStaging(join(dir, `w${workers}`), record, false);
      runs.push(await runIdentify(plan, folder, [], undefined, () => {}, { workers }));
      const logged = readFileSync(join(folder, 'draws.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { draw: number }).draw);
      expect(logged.sort()).toEqual([0, 1, 2]);
    }
    expect(runs[0].map((d) => d.draw)).toEqual([0, 1, 2]);
    expect(runs[1]).toEqual(runs[0]);
  });
});

describe('identify bookkeeping', () => {
  it('shards merged give what the unsharded run gives, file for file', async () => {
    const dir = tempDir('identify-shards');
    const plan = readIdentifyPlan(smallPlan(dir, 9));
    await wholeRun(plan, join(dir, 'whole'));
    const out = join(dir, 'sharded');
    const record = identifyRecord(plan);
    for (const index of [2, 1, 3]) {
      const shard = { index, count: 3 };
      const target = shardFolder(out, shard);
      const { folder, done } = openStaging(target, record, false);
      await runIdentify(plan, folder, done, shard, () => {}, { simulate: fake });
      finishShard(folder, target);
    }
    const merged = await mergeIdentify(out);
    expect(merged).toMatchObject({ shards: 3, draws: 9 });
    for (const f of ['draws.csv', 'posterior.csv', 'errors.csv', 'summary.md', 'posterior.vl.json', 'identify.json']) expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(dir, 'whole', f), 'utf8'));
    await expect(mergeIdentify(out)).rejects.toThrow(/draws.csv already exists/);
    // Recall has no truth beside it (it is scored against the truth): its row says so.
    const posterior = readFileSync(join(out, 'posterior.csv'), 'utf8');
    expect(posterior).toMatch(/^scored,linkage.recall \(all\),/m);
    expect(posterior).toMatch(/^truth,link.structured.pct \(ATR\),/m);
  });

  it('--resume runs only the draws an interrupted run had not finished, and ends as an uninterrupted run', async () => {
    const dir = tempDir('identify-resume');
    const plan = readIdentifyPlan(smallPlan(dir, 6));
    await wholeRun(plan, join(dir, 'whole'));
    const out = join(dir, 'resumed');
    const record = identifyRecord(plan);
    const first = openStaging(out, record, false);
    let calls = 0;
    const dies = async (knobs: Knobs, seed: number): Promise<Record<string, Simulated>> => {
      if (++calls === 4) throw new Error('killed');
      return fake(knobs, seed);
    };
    await expect(runIdentify(plan, first.folder, first.done, undefined, () => {}, { simulate: dies })).rejects.toThrow('killed');
    expect(existsSync(stagingFolder(out))).toBe(true);
    expect(() => openStaging(out, record, false)).toThrow(/add --resume/);
    const again = openStaging(out, record, true);
    expect(again.done.map((d) => d.draw)).toEqual([0, 1, 2]);
    const ran: number[] = [];
    const draws = await runIdentify(plan, again.folder, again.done, undefined, () => {}, {
      simulate: async (knobs, seed) => {
        ran.push(seed - plan.plan.seed);
        return fake(knobs, seed);
      },
    });
    expect(ran).toEqual([3, 4, 5]);
    await finishIdentify(again.folder, out, record, draws);
    expect(readdirSync(dir).filter((n) => n.endsWith('.partial'))).toEqual([]);
    expect(readFileSync(join(out, 'draws.csv'), 'utf8')).toBe(readFileSync(join(dir, 'whole', 'draws.csv'), 'utf8'));
    // A different plan in the staging folder is refused.
    const other = { ...record, priors: [{ knob: 'noise.multiplier', low: 0, high: 9 }] };
    openStaging(join(dir, 'x'), record, false);
    expect(() => openStaging(join(dir, 'x'), other, true)).toThrow(/started with a different plan/);
  });
});
