/**
 * JUnit XML of one run: one testcase per job. `fail` verdicts and failed jobs are failures whose
 * message and body carry the evidence (metric, frames, value, threshold); unfinished jobs are skipped.
 */
import type { RunView } from '../contract/run.ts';
import { jobFacts } from './job-facts.ts';

/** Escapes text for XML attributes and bodies. */
export function xmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
}

/** Renders the run as JUnit XML. */
export function renderJunit(run: RunView): string {
  const suite = `clipbench.${run.experiment.id}`;
  let failures = 0;
  let skipped = 0;
  const cases: string[] = [];
  for (const job of run.jobs) {
    const f = jobFacts(job);
    const name = xmlEscape(`${f.label} [${job.job_key.slice(0, 12)}]`);
    const head = `    <testcase classname="${xmlEscape(suite)}" name="${name}">`;
    if (job.state === 'failed') {
      failures += 1;
      const message = xmlEscape(`job failed: ${f.error ?? 'unknown error'}`);
      cases.push(
        `${head}\n      <failure message="${message}" type="job_failed">${message}</failure>\n    </testcase>`,
      );
    } else if (f.verdict === 'fail') {
      failures += 1;
      const evidence = f.reasons.filter((r) => r.effect === 'fail').map((r) => r.message);
      const note = f.humanNote === null ? [] : [`human: ${f.humanNote}`];
      const message = xmlEscape(
        evidence[0] ?? (f.verdictSource === 'human' ? 'failed by human review' : 'fail'),
      );
      const body = xmlEscape([...evidence, ...note].join('\n'));
      cases.push(
        `${head}\n      <failure message="${message}" type="verdict_fail">${body}</failure>\n    </testcase>`,
      );
    } else if (f.verdict === null) {
      skipped += 1;
      cases.push(
        `${head}\n      <skipped message="${xmlEscape(`not judged (state ${job.state})`)}"/>\n    </testcase>`,
      );
    } else {
      const out =
        f.edits.length > 0
          ? `\n      <system-out>${xmlEscape(f.edits.map((e) => `edit: ${e.text}`).join('\n'))}</system-out>`
          : '';
      cases.push(`${head}${out}\n    </testcase>`);
    }
  }
  const simulated = run.experiment.simulated || run.jobs.some((j) => j.simulated);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="clipbench" tests="${run.jobs.length}" failures="${failures}" skipped="${skipped}">`,
    `  <testsuite name="${xmlEscape(suite)}" tests="${run.jobs.length}" failures="${failures}" skipped="${skipped}">`,
    `    <properties><property name="simulated" value="${simulated}"/><property name="preset" value="${xmlEscape(run.experiment.preset ?? '')}"/></properties>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
