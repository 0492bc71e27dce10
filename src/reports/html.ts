/**
 * The HTML report: ONE self-contained file (inline CSS and SVG, no scripts from anywhere, no network
 * requests). Clips and thumbnails are referenced through `mediaHref` — a relative path or a `data:`
 * URI chosen by the caller; anything else (http:, file:, absolute paths) is refused and left out.
 */
import type { AssetRecord, RunView } from '../contract/run.ts';
import { jobFacts } from './job-facts.ts';
import { xmlEscape } from './junit.ts';
import { formatRate, formatUsd, reusedCostNote, summarizeRun } from './summary.ts';
import { usableRateChart } from './svg-chart.ts';

export type HtmlReportOptions = {
  /** Maps a stored asset to a link the report can use (relative path or data: URI); null to omit. */
  mediaHref?: ((asset: AssetRecord) => string | null) | undefined;
  usableRateMin?: number | undefined;
  /** Generation time shown in the footer (injected for reproducible output). */
  generatedAt?: string | undefined;
};

const esc = xmlEscape;

/** True for links that cannot trigger a network request: data: URIs and relative paths. */
export function isSafeMediaHref(href: string): boolean {
  if (href.startsWith('data:')) return true;
  return !/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith('/') && !href.startsWith('\\');
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}
h1{font-size:20px}h2{font-size:16px;margin-top:28px}table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #e5e5e5;padding:6px 8px;text-align:left;vertical-align:top}
.sim{background:#ffb703;color:#000;font-weight:700;padding:8px 12px;border-radius:4px;display:inline-block}
.v-pass{color:#2a7f3f;font-weight:600}.v-pass_with_edits{color:#b36b00;font-weight:600}.v-fail{color:#c1121f;font-weight:600}
video,img.thumb{max-width:240px;border-radius:4px;background:#000}ul{margin:0;padding-left:16px}.muted{color:#777}
.scores td{border:0;padding:0 8px 0 0}`;

function media(
  asset: AssetRecord | null,
  href: HtmlReportOptions['mediaHref'],
  kind: 'video' | 'img',
): string {
  if (asset === null || href === undefined) return '';
  const link = href(asset);
  if (link === null || !isSafeMediaHref(link)) return '';
  return kind === 'video'
    ? `<video src="${esc(link)}" controls muted loop playsinline preload="metadata"></video>`
    : `<img class="thumb" src="${esc(link)}" alt="contact sheet">`;
}

/** Renders the run as one self-contained HTML document. */
export function renderHtml(run: RunView, options: HtmlReportOptions = {}): string {
  const s = summarizeRun(run, { usableRateMin: options.usableRateMin });
  const rows = run.jobs.map((job) => {
    const f = jobFacts(job);
    const sc = f.rubric?.scores;
    const reasons = [
      ...f.reasons.map((r) => `<li>${r.effect === 'fail' ? '✗' : '✎'} ${esc(r.message)}</li>`),
      ...f.edits.map((e) => `<li>edit: ${esc(e.text)}</li>`),
      ...(f.humanNote === null ? [] : [`<li>human: ${esc(f.humanNote)}</li>`]),
      ...(f.error === null ? [] : [`<li>error: ${esc(f.error)}</li>`]),
    ];
    return `<tr data-job="${job.id}"><td>${esc(f.label)}${f.simulated ? '<br><span class="muted">SIMULATED</span>' : ''}</td>
<td>${media(job.clip, options.mediaHref, 'video')}${media(job.thumb, options.mediaHref, 'img')}</td>
<td class="v-${f.verdict ?? 'none'}">${esc(f.verdict ?? job.state)}${f.verdictSource === 'human' ? ' <span class="muted">(human)</span>' : ''}</td>
<td><table class="scores"><tr><td>temporal</td><td>${sc?.temporal_continuity.toFixed(2) ?? '—'}</td></tr><tr><td>subject</td><td>${sc?.subject_integrity.toFixed(2) ?? '—'}</td></tr><tr><td>camera</td><td>${sc?.camera_intent_match.toFixed(2) ?? '—'}</td></tr></table>
<span class="muted">${esc(f.measuredMove ?? '—')} vs “${esc(job.camera_intent ?? '—')}”</span></td>
<td>${reasons.length > 0 ? `<ul>${reasons.join('')}</ul>` : '—'}</td><td>${formatUsd(job.cost_usd)}</td></tr>`;
  });
  const points = s.by_motion_score
    .map(
      (p) =>
        `<tr><td>${p.motion_score}</td><td>${p.judged}</td><td>${p.pass}</td><td>${p.pass_with_edits}</td><td>${p.fail}</td><td>${p.failed_jobs}</td><td>${formatRate(p.usable_rate)}</td><td>${formatUsd(p.cost_usd)}</td></tr>`,
    )
    .join('');
  const rec =
    s.recommendation === null
      ? `none — no swept value reached the ${formatRate(s.usable_rate_min)} usable-rate bar`
      : `<strong>${s.recommendation.min}–${s.recommendation.max}</strong> — ${esc(s.recommendation.reason)}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>clipbench run ${esc(s.run_id)}</title><style>${STYLE}</style></head><body>
<h1>clipbench run ${esc(s.run_id)} — ${esc(s.name)}</h1>
${s.simulated ? '<p class="sim">SIMULATED — clips come from the offline simulator, not a real provider</p>' : ''}
<ul>
<li>preset ${esc(s.preset ?? '—')} · provider ${esc(s.provider)}${s.model === null ? '' : ` / ${esc(s.model)}`} · status ${esc(s.status)}</li>
<li>jobs ${s.jobs} · judged ${s.judged} · usable ${s.usable} (${formatRate(s.usable_rate)}) · reused ${s.reused} · retries ${s.retries}</li>
<li>verdicts: pass ${s.verdicts.pass} · pass_with_edits ${s.verdicts.pass_with_edits} · fail ${s.verdicts.fail}</li>
<li>spend ${formatUsd(s.cost.total_cost_usd)} · cost per usable clip ${formatUsd(s.cost.cost_per_usable_usd)}${reusedCostNote(s.cost)}</li>
<li>recommended approved motion_score range: ${rec}</li>
</ul>
<h2>Usable rate by motion_score</h2>
${usableRateChart(s.by_motion_score, s.usable_rate_min, s.recommendation)}
<table><thead><tr><th>motion_score</th><th>judged</th><th>pass</th><th>pass_with_edits</th><th>fail</th><th>failed jobs</th><th>usable rate</th><th>cost</th></tr></thead><tbody>${points}</tbody></table>
<h2>Jobs</h2>
<table><thead><tr><th>job</th><th>clip</th><th>verdict</th><th>scores</th><th>reasons and edits</th><th>cost</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
<p class="muted">generated by clipbench${options.generatedAt === undefined ? '' : ` at ${esc(options.generatedAt)}`}</p>
</body></html>
`;
}
