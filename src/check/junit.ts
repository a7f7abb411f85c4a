/**
 * A check's verdict as JUnit XML, the format GitHub Actions, GitLab and Jenkins show: one test
 * case per property (and one for the tool, when it crashed or wrote a malformed file).
 */
import type { CheckReport } from './run.ts';
import { describeDraw } from './run.ts';

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function junitXml(report: CheckReport, kind: string, reproduce: string | null): string {
  const cases: string[] = [];
  let failures = 0;
  report.tallies.forEach((t, i) => {
    const name = xml(t.property.text);
    const over = report.overRuns?.find((a) => a.property === t.property);
    if (over) {
      const counts = over.verdict === 'not-applicable' ? 'no interval scored' : `${t.property.metric} = ${over.value.toFixed(4)}: ${over.covered} of ${over.intervals} intervals held the true coefficient, over ${over.worlds} world(s)`;
      if (over.verdict === 'failed') {
        failures++;
        const body = [counts, ...over.worst.map((w) => `${w.label}: ${w.missed} of ${w.intervals} missed; ${describeDraw(w.draw)}`), report.failingDir ? `the world that missed most is kept in ${report.failingDir}` : '', reproduce ? `reproduce: ${reproduce}` : ''].filter(Boolean).join('\n');
        cases.push(`    <testcase classname="pathways.check.${kind}" name="${name}" time="0"><failure message="${xml(`${t.property.text} failed over the runs`)}">${xml(body)}</failure></testcase>`);
      } else cases.push(`    <testcase classname="pathways.check.${kind}" name="${name}" time="0"><system-out>${xml(counts)}</system-out></testcase>`);
      return;
    }
    const counts = `held in ${t.held}, failed in ${t.failed}, not applicable in ${t.notApplicable} of ${report.runs} world(s)`;
    const shrunk = report.failure;
    if (shrunk && shrunk.shrunk.verdicts[i] === 'failed') {
      failures++;
      const body = [
        counts,
        `first failing world: ${describeDraw(shrunk.first.draw)}`,
        `smallest failing world: ${describeDraw(shrunk.shrunk.draw)}; ${t.property.metric} = ${shrunk.shrunk.metrics?.[t.property.metric]}`,
        report.failingDir ? `kept in ${report.failingDir}` : '',
        reproduce ? `reproduce: ${reproduce}` : '',
      ].filter(Boolean).join('\n');
      cases.push(`    <testcase classname="pathways.check.${kind}" name="${name}" time="0"><failure message="${xml(`${t.property.text} failed`)}">${xml(body)}</failure></testcase>`);
    } else {
      cases.push(`    <testcase classname="pathways.check.${kind}" name="${name}" time="0"><system-out>${xml(counts)}</system-out></testcase>`);
    }
  });
  if (report.toolFailure) {
    failures++;
    cases.push(`    <testcase classname="pathways.check.${kind}" name="the tool runs and writes a readable ${kind === 'link' ? 'links' : kind === 'classify' ? 'labels' : 'coefficients'} file" time="0"><failure message="${xml(report.toolFailure.message)}">${xml(`${report.toolFailure.message}\nkept in ${report.failingDir}`)}</failure></testcase>`);
  }
  const tests = cases.length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="pathways check" tests="${tests}" failures="${failures}" time="${report.seconds.toFixed(3)}">`,
    `  <testsuite name="pathways check --kind ${kind}" tests="${tests}" failures="${failures}" errors="0" skipped="0" time="${report.seconds.toFixed(3)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
