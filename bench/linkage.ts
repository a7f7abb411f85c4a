/**
 * Linkage at scale 1: 46,000 requirement-like left records against 1,000,000 NDTMS-like
 * right episodes (British-like initial frequencies, births 1950-2004, ~10,000 postcode
 * sectors, about half the left people present on the right with 1-2 episodes), linked with
 * the default settings. Prints the whole link's wall time (encode, blocking, comparisons,
 * u sampling, EM, lambda, prediction, resolution), pairs compared per second, peak RSS, and
 * the link quality against the synthetic truth beside the deterministic exact-match baseline.
 * The comparison step is also timed by tinybench on a slice of the candidate pairs, for a
 * pairs-per-second figure with a margin of error.
 * Targets: under 10 s wall and under 3 GB peak RSS on a 2-core machine.
 */
import type { Benchmark } from './benchmark.ts';
import { peakRssMiB } from './benchmark.ts';
import { strings, type Table } from '../src/io/table.ts';
import { defaultSettings } from '../src/methods/linkage/default-settings.ts';
import { deterministicLinks } from '../src/methods/linkage/deterministic.ts';
import { comparePairs, linkIds, linkTables, scoreLinks, type LinkScore } from '../src/methods/linkage/index.ts';
import { syntheticProblem } from '../src/methods/linkage/synthetic.ts';

function truthOf(left: Table, right: Table): { left: Map<string, string>; right: Map<string, string> } {
  const map = (t: Table, id: string) => {
    const ids = strings(t, id);
    const people = strings(t, 'person_id');
    return new Map(ids.map((v, i) => [v ?? '', people[i] ?? '']));
  };
  return { left: map(left, 'record_id'), right: map(right, 'episode_id') };
}

function line(name: string, s: LinkScore): string {
  return `${name.padEnd(26)} links ${String(s.predicted).padStart(7)}  precision ${s.precision.toFixed(4)}  recall ${s.recall.toFixed(4)}  left records found ${s.leftRecall.toFixed(4)}  false-match rate ${s.falseMatchRate.toFixed(4)}`;
}

export const linkageBenchmark: Benchmark = {
  name: 'linkage-synthetic',
  description: 'Fellegi-Sunter link of 46,000 requirements to 1,000,000 NDTMS-like episodes incl. u sampling and EM',
  async run(recorder) {
    const t0 = performance.now();
    const { left, right } = syntheticProblem({ leftRows: 46_000, rightRows: 1_000_000, seed: 2018 });
    console.log(`problem generated in ${((performance.now() - t0) / 1000).toFixed(2)} s (not counted): ${left.rowCount} left, ${right.rowCount} right`);
    const settings = defaultSettings();
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const result = await linkTables(left, right, settings, (e) => {
      if (e.phase === 'done') console.log(`  ${e.step.padEnd(8)} ${(e.seconds ?? 0).toFixed(2).padStart(6)} s  ${e.detail ?? ''}`);
    });
    const wall = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    const compared = result.pairs.count + result.uEstimate.samplePairs;
    recorder.figure('wall time (whole link incl. EM, one pass)', wall, 's');
    // The engine runs on one thread, so its CPU time is what the wall time would be on an idle
    // machine; the two differ when other processes share the cores.
    console.log(`CPU time of the link: ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s (user ${(cpu.user / 1e6).toFixed(2)}, system ${(cpu.system / 1e6).toFixed(2)})`);
    console.log(`candidate pairs: ${result.pairs.count}; compared per second (comparison step): ${Math.round(result.pairs.count / result.timings.compare).toLocaleString('en-GB')}`);
    console.log(`pairs compared per second over the whole link (candidates + u sample): ${Math.round(compared / wall).toLocaleString('en-GB')}`);
    const n = Math.min(200_000, result.pairs.count);
    const slice = { left: result.pairs.left.subarray(0, n), right: result.pairs.right.subarray(0, n), count: n };
    await recorder.micro([
      { name: `pairs compared (${n.toLocaleString('en-GB')} candidate pairs)`, fn: () => comparePairs(slice, result.comparisons), items: n, itemUnit: 'pairs' },
    ]);
    const ts = result.trainSeconds;
    console.log(`training: u sampling ${ts.u.toFixed(2)} s (${result.uEstimate.samplePairs} pairs), EM sessions ${ts.em.toFixed(2)} s, lambda ${ts.lambda.toFixed(2)} s`);
    console.log(`lambda ${result.model.lambda.toExponential(3)}; EM sessions: ${result.sessions.map((s) => `[${s.rule.join(', ')}] ${s.iterations} it`).join('; ')}`);
    // The peak is the bench process's so far: run this benchmark alone (`npm run bench -- linkage`) to read the link's own.
    console.log(`peak RSS of this process so far ${(await peakRssMiB()).toFixed(0)} MiB`);
    const truth = truthOf(left, right);
    console.log(line(`probabilistic, all >= threshold (weight ${result.threshold.toFixed(2)})`, scoreLinks(linkIds(result, result.links.all), truth).overall));
    console.log(line('probabilistic, best/left', scoreLinks(linkIds(result, result.links.best), truth).overall));
    const exact = deterministicLinks(settings, left, right, ['initials', 'dob', 'sex'], result.encoded);
    const exactIds = linkIds({ ...result, pairs: exact }, Int32Array.from({ length: exact.count }, (_, i) => i));
    console.log(line('exact initials+dob+sex', scoreLinks(exactIds, truth).overall));
  },
};
