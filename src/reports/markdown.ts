/** Markdown report of one run: summary, usable rate per motion_score, recommendation, per-job table. */
import type { RunView } from '../contract/run.ts';
import { jobFacts } from './job-facts.ts';
import { formatRate, formatUsd, type RunSummary, reusedCostNote, summarizeRun } from './summary.ts';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Summary lines shared by Markdown and the CLI. */
export function summaryLines(s: RunSummary): string[] {
  return [
    `- run: \`${s.run_id}\` (${s.name}) — ${s.status}`,
    `- preset: ${s.preset ?? '—'} · provider: ${s.provider}${s.model === null ? '' : ` / ${s.model}`}`,
    `- jobs: ${s.jobs} · judged: ${s.judged} · usable: ${s.usable} (${formatRate(s.usable_rate)}) · reused: ${s.reused} · retries: ${s.retries}`,
    `- verdicts: pass ${s.verdicts.pass} · pass_with_edits ${s.verdicts.pass_with_edits} · fail ${s.verdicts.fail}`,
    `- spend: ${formatUsd(s.cost.total_cost_usd)} · cost per usable clip: ${formatUsd(s.cost.cost_per_usable_usd)}${reusedCostNote(s.cost)}`,
    `- recommended approved range: ${
      s.recommendation === null
        ? `none (no swept value reached the ${formatRate(s.usable_rate_min)} usable-rate bar)`
        : `${s.recommendation.min}–${s.recommendation.max} — ${s.recommendation.reason}`
    }`,
  ];
}

/** Renders the run as Markdown. */
export function renderMarkdown(run: RunView, options: { usableRateMin?: number | undefined } = {}): string {
  const s = summarizeRun(run, options);
  const out: string[] = [`# clipbench run ${s.run_id}`, ''];
  if (s.simulated)
    out.push('> **SIMULATED** — clips come from the offline simulator, not a real provider.', '');
  out.push(...summaryLines(s), '', '## Usable rate by motion_score', '');
  out.push(
    '| motion_score | judged | pass | pass_with_edits | fail | failed jobs | usable rate | cost |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const p of s.by_motion_score)
    out.push(
      `| ${p.motion_score} | ${p.judged} | ${p.pass} | ${p.pass_with_edits} | ${p.fail} | ${p.failed_jobs} | ${formatRate(p.usable_rate)} | ${formatUsd(p.cost_usd)} |`,
    );
  out.push(
    '',
    '## Jobs',
    '',
    '| job | state | verdict | temporal | subject | camera | measured move | cost | reasons / edits |',
    '|---|---|---|---:|---:|---:|---|---:|---|',
  );
  for (const job of run.jobs) {
    const f = jobFacts(job);
    const scores = f.rubric?.scores;
    const notes = [
      ...f.reasons.map((r) => `${r.effect === 'fail' ? '✗' : '✎'} ${r.message}`),
      ...f.edits.map((e) => `edit: ${e.text}`),
      ...(f.humanNote === null ? [] : [`human: ${f.humanNote}`]),
      ...(f.error === null ? [] : [`error: ${f.error}`]),
    ];
    out.push(
      `| ${cell(f.label)} | ${job.state} | ${f.verdict ?? '—'}${f.verdictSource === 'human' ? ' (human)' : ''} | ${scores?.temporal_continuity.toFixed(2) ?? '—'} | ${scores?.subject_integrity.toFixed(2) ?? '—'} | ${scores?.camera_intent_match.toFixed(2) ?? '—'} | ${cell(f.measuredMove ?? '—')} vs ${cell(job.camera_intent ?? '—')} | ${formatUsd(job.cost_usd)} | ${cell(notes.join('<br>') || '—')} |`,
    );
  }
  return `${out.join('\n')}\n`;
}
