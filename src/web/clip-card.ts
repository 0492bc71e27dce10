/** One clip in the experiment grid: video, verdict, scores, reasons, camera intent vs measured, cost. */
import type { JobView } from '../contract/run.ts';
import { jobFacts } from '../reports/job-facts.ts';
import { formatUsd } from '../reports/summary.ts';
import { esc, SIMULATED_LABEL, verdictBadge } from './layout.ts';

/** Where the browser fetches a clip: the original plus optional fallback renditions, in preference order. */
export type ClipSources = Array<{ src: string; type: string }>;

function score(label: string, value: number | undefined, title: string): string {
  return `<span title="${esc(title)}">${label} ${value === undefined ? '—' : value.toFixed(2)}</span>`;
}

function video(job: JobView, sources: ClipSources): string {
  if (sources.length === 0) {
    const why =
      job.error !== null
        ? `${job.error.code}: ${job.error.message}`
        : job.clip === null
          ? `no clip (${job.state})`
          : 'clip stored outside the workspace media directory';
    return `<div class="noclip">${esc(why)}</div>`;
  }
  const tags = sources.map((s) => `<source src="${esc(s.src)}" type="${esc(s.type)}">`).join('');
  return `<video muted playsinline preload="auto" data-sync>${tags}</video>`;
}

/** Renders the card; `data-*` attributes carry what the review script needs. */
export function renderClipCard(job: JobView, sources: ClipSources): string {
  const f = jobFacts(job);
  const sc = f.rubric?.scores;
  const auto = job.auto_verdict?.verdict ?? null;
  const human = job.human_verdict;
  const reasons = [
    ...f.reasons.map((r) => `<li>${r.effect === 'fail' ? '✗' : '✎'} ${esc(r.message)}</li>`),
    ...f.edits.map((e) => `<li>edit: ${esc(e.text)}</li>`),
  ];
  const verdictLine =
    human !== null
      ? `${verdictBadge(human.verdict)} <span class="muted">human${auto !== null && auto !== human.verdict ? `, auto ${esc(auto)}` : ''}</span>`
      : `${verdictBadge(f.verdict, f.verdict ?? job.state)}${auto === null ? '' : ' <span class="muted">auto</span>'}`;
  return `<div class="clip" tabindex="-1" data-job="${job.id}" data-verdict="${esc(f.verdict ?? '')}" data-auto="${esc(auto ?? '')}" data-label="${esc(f.label)}" data-note="${esc(human?.note ?? '')}">
${video(job, sources)}
<div class="row"><strong>${esc(f.label)}</strong>${f.simulated ? SIMULATED_LABEL : ''}</div>
<div class="row"><span data-field="verdict">${verdictLine}</span><span title="cost">${formatUsd(job.cost_usd)}</span></div>
<div class="scores">${score('T', sc?.temporal_continuity, 'temporal continuity')}${score('S', sc?.subject_integrity, 'subject integrity')}${score('C', sc?.camera_intent_match, 'camera-intent match')}</div>
<div class="muted" title="camera intent vs measured move">intent “${esc(job.camera_intent ?? '—')}” → measured ${esc(f.measuredMove ?? '—')}</div>
<div class="muted" data-field="note">${human?.note ? `note: ${esc(human.note)}` : ''}</div>
${reasons.length > 0 ? `<ul>${reasons.join('')}</ul>` : ''}</div>`;
}
