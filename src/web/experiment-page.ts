/**
 * The experiment view: usable rate vs the varied variable (the reports' SVG chart), then a grid of
 * clips — one column per varied value — under ONE play/pause/scrub control, and the review bar
 * (keyboard: j/k move, 1/2/3 or p/e/f choose, n note, Enter save).
 */
import type { JobView, RunView } from '../contract/run.ts';
import type { RunSummary } from '../reports/summary.ts';
import { formatRate, formatUsd } from '../reports/summary.ts';
import { usableRateChart } from '../reports/svg-chart.ts';
import type { Agreement } from '../store/verdicts.ts';
import { type ClipSources, renderClipCard } from './clip-card.ts';
import { esc, layout, SIMULATED_LABEL } from './layout.ts';

export type ExperimentPageInput = {
  run: RunView;
  summary: RunSummary;
  agreement: Agreement;
  /** Playable sources of a job's clip; empty when there is none (or it is outside the workspace). */
  sources: (job: JobView) => ClipSources;
};

/** The value of the swept variable for a job, as a column key. */
export function variedValue(run: RunView, job: JobView): string {
  const variable = run.experiment.variable;
  if (variable === null || variable.endsWith('motion_score'))
    return job.motion_score === null ? '—' : String(job.motion_score);
  const value = job.sweep_value;
  if (value === null || value === undefined) return job.pass_name ?? '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Groups jobs by varied value, numeric values ascending, each column in job order. */
export function clipColumns(run: RunView): Array<{ value: string; jobs: JobView[] }> {
  const columns = new Map<string, JobView[]>();
  for (const job of run.jobs) {
    const key = variedValue(run, job);
    columns.set(key, [...(columns.get(key) ?? []), job]);
  }
  const numeric = (v: string) => (v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null);
  return [...columns.entries()]
    .sort(([a], [b]) => {
      const na = numeric(a);
      const nb = numeric(b);
      return na !== null && nb !== null ? na - nb : a.localeCompare(b);
    })
    .map(([value, jobs]) => ({ value, jobs }));
}

/** "$5.50 · $0.79 per usable clip": total spend and spend per usable clip. */
export function spendText(totalUsd: number, usable: number): string {
  return `${formatUsd(totalUsd)} · ${formatUsd(usable === 0 ? null : totalUsd / usable)} per usable clip`;
}

/** "3/4 agree (75%)" or a hint that nothing has been reviewed yet. */
export function agreementText(agreement: Agreement): string {
  return agreement.compared === 0
    ? 'no human reviews yet'
    : `${agreement.agreed}/${agreement.compared} agree (${formatRate(agreement.rate)})`;
}

function header(input: ExperimentPageInput): string {
  const { experiment } = input.run;
  const s = input.summary;
  const rec =
    s.recommendation === null
      ? `none — no swept value reached the ${formatRate(s.usable_rate_min)} bar`
      : `<strong>${s.recommendation.min}–${s.recommendation.max}</strong>`;
  return `<h1>${esc(experiment.name)} <span class="muted">${esc(experiment.id)}</span></h1>
${s.simulated ? `<p class="banner">${SIMULATED_LABEL} clips were rendered by the offline simulator, not a real provider.</p>` : ''}
<div class="cards"><div class="panel kv">
<span class="muted">preset</span><span>${esc(experiment.preset ?? '—')}</span>
<span class="muted">provider</span><span>${esc(experiment.provider)}${experiment.model === null ? '' : ` / ${esc(experiment.model)}`}</span>
<span class="muted">varied</span><span>${esc(experiment.variable ?? 'motion.motion_score')}</span>
<span class="muted">status</span><span><span class="status status-${esc(experiment.status)}" id="run-status">${esc(experiment.status)}</span></span>
<span class="muted">usable rate</span><span id="usable-rate">${formatRate(s.usable_rate)} (${s.usable}/${s.judged})</span>
<span class="muted">spend</span><span id="spend">${spendText(s.cost.total_cost_usd, s.usable)}</span>
<span class="muted">recommended range</span><span>${rec}</span>
<span class="muted">human vs auto</span><span id="agreement">${esc(agreementText(input.agreement))}</span>
</div><div class="panel" id="chart">${usableRateChart(s.by_motion_score, s.usable_rate_min, s.recommendation)}</div></div>`;
}

const REVIEW_BAR = `<div class="sync" id="sync">
<button id="sync-play" type="button" title="play / pause all clips (space)">▶ play all</button>
<input id="sync-scrub" type="range" min="0" max="1" step="0.01" value="0" aria-label="scrub all clips">
<span id="sync-time" class="muted">0.00 s</span>
<span class="review" id="review"><span id="review-target" class="muted">no clip selected</span>
<button type="button" data-choose="pass" title="1 or p">1 pass</button>
<button type="button" data-choose="pass_with_edits" title="2 or e">2 edits</button>
<button type="button" data-choose="fail" title="3 or f">3 fail</button>
<input id="review-note" type="text" placeholder="note (n), Enter saves" aria-label="review note">
<button type="button" id="review-save">save ⏎</button><span id="review-status" class="muted" aria-live="polite"></span></span>
</div><p class="muted"><kbd>j</kbd>/<kbd>k</kbd> or arrows move · <kbd>1</kbd>/<kbd>2</kbd>/<kbd>3</kbd> or <kbd>p</kbd>/<kbd>e</kbd>/<kbd>f</kbd> choose pass / pass with edits / fail · <kbd>n</kbd> note · <kbd>Enter</kbd> save · <kbd>space</kbd> play/pause all</p>`;

/** Renders the experiment page. */
export function renderExperimentPage(input: ExperimentPageInput): string {
  const columns = clipColumns(input.run);
  const grid = columns
    .map(
      (col) =>
        `<div class="col" data-value="${esc(col.value)}"><div class="colhead">${esc(col.value)}</div>${col.jobs
          .map((job) => renderClipCard(job, input.sources(job)))
          .join('')}</div>`,
    )
    .join('');
  const variable = input.run.experiment.variable ?? 'motion.motion_score';
  const id = esc(input.run.experiment.id);
  return layout({
    title: input.run.experiment.name,
    nav: 'experiment',
    bodyData: ` data-page="experiment" data-run="${id}" data-status="${esc(input.run.experiment.status)}"`,
    body: `${header(input)}<h2>Clips by ${esc(variable)}</h2>${REVIEW_BAR}
<div class="grid" id="clips" style="grid-template-columns:repeat(${Math.max(1, columns.length)},minmax(170px,1fr))">${grid}</div>`,
  });
}
