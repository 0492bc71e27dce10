/** The experiments list: one row per run with live progress (the client polls while any run is running). */
import type { ExperimentRecord } from '../contract/run.ts';
import { formatRate, formatUsd } from '../reports/summary.ts';
import type { RunTotals } from '../store/run-views.ts';
import { esc, layout, SIMULATED_LABEL } from './layout.ts';

/** One run as the list (and its JSON endpoint) shows it. */
export type ExperimentRow = {
  id: string;
  name: string;
  preset: string | null;
  provider: string;
  model: string | null;
  variable: string | null;
  status: ExperimentRecord['status'];
  simulated: boolean;
  jobs: number;
  /** Jobs that reached a terminal state (judged or failed). */
  finished: number;
  judged: number;
  usable: number;
  usable_rate: number | null;
  spend_usd: number;
  created_at: string;
};

/** Joins a run with its store totals into a list row. */
export function experimentRow(experiment: ExperimentRecord, totals: RunTotals | undefined): ExperimentRow {
  const t = totals ?? { jobs: 0, judged: 0, usable: 0, failed: 0, spendUsd: 0 };
  return {
    id: experiment.id,
    name: experiment.name,
    preset: experiment.preset,
    provider: experiment.provider,
    model: experiment.model,
    variable: experiment.variable,
    status: experiment.status,
    simulated: experiment.simulated,
    jobs: t.jobs,
    finished: Math.min(t.jobs, t.judged + t.failed),
    judged: t.judged,
    usable: t.usable,
    usable_rate: t.judged === 0 ? null : t.usable / t.judged,
    spend_usd: t.spendUsd,
    created_at: experiment.created_at,
  };
}

function progressCell(row: ExperimentRow): string {
  const pct = row.jobs === 0 ? 0 : Math.round((row.finished / row.jobs) * 100);
  return `<div class="bar" title="${row.finished}/${row.jobs} jobs finished"><span style="width:${pct}%"></span></div><span class="muted" data-field="progress">${row.finished}/${row.jobs}</span>`;
}

/** Renders the list page. */
export function renderExperimentsPage(rows: readonly ExperimentRow[]): string {
  const body = rows
    .map(
      (r) => `<tr data-run="${esc(r.id)}" data-status="${esc(r.status)}">
<td><a href="/experiments/${encodeURIComponent(r.id)}">${esc(r.name)}</a><br><span class="muted">${esc(r.id)}</span>${r.simulated ? ` ${SIMULATED_LABEL}` : ''}</td>
<td>${esc(r.preset ?? '—')}</td><td>${esc(r.provider)}${r.model === null ? '' : `<br><span class="muted">${esc(r.model)}</span>`}</td>
<td class="num" data-field="spend">${formatUsd(r.spend_usd)}</td>
<td class="num" data-field="usable">${formatRate(r.usable_rate)} <span class="muted">(${r.usable}/${r.judged})</span></td>
<td><span class="status status-${esc(r.status)}" data-field="status">${esc(r.status)}</span></td>
<td data-field="progress-cell">${progressCell(r)}</td></tr>`,
    )
    .join('\n');
  return layout({
    title: 'Experiments',
    nav: 'experiments',
    bodyData: ' data-page="experiments"',
    body: `<h1>Experiments</h1><p class="muted" id="live" aria-live="polite"></p>
<table id="experiments"><thead><tr><th>run</th><th>preset@version</th><th>provider</th><th class="num">spend</th><th class="num">usable rate</th><th>status</th><th>progress</th></tr></thead>
<tbody>${body}</tbody></table>`,
  });
}
