/** Trends: usable rate per ISO week and cost per usable clip, by preset and provider (reports/stats). */
import type { StatGroup, StatsReport } from '../reports/stats.ts';
import { formatRate, formatUsd } from '../reports/summary.ts';
import { esc, layout, SIMULATED_LABEL } from './layout.ts';

function rateBar(rate: number | null): string {
  const pct = rate === null ? 0 : Math.round(rate * 100);
  return `<div class="bar" title="${formatRate(rate)}"><span style="width:${pct}%"></span></div>`;
}

function row(g: StatGroup, withWeek: boolean): string {
  return `<tr>${withWeek ? `<td>${esc(g.iso_week)}</td>` : ''}<td>${esc(g.preset)}</td><td>${esc(g.provider)}${g.simulated ? ` ${SIMULATED_LABEL}` : ''}</td>
<td class="num">${g.judged}</td><td class="num">${g.failed_jobs}</td><td class="num">${formatRate(g.usable_rate)} <span class="muted">(${g.usable}/${g.judged})</span></td><td>${rateBar(g.usable_rate)}</td>
<td class="num">${formatUsd(g.cost_usd)}</td><td class="num">${formatUsd(g.cost_per_usable_usd)}</td></tr>`;
}

const HEAD = `<th>preset</th><th>provider</th><th class="num">judged</th><th class="num">failed jobs</th><th class="num">usable rate</th><th></th><th class="num">spend</th><th class="num">cost / usable clip</th>`;

/** Renders the trends page from `computeStats(store.views.statRows())`. */
export function renderTrendsPage(stats: StatsReport): string {
  const body =
    stats.weekly.length === 0
      ? '<div class="empty"><p>No finished jobs yet: trends appear once clips are judged.</p></div>'
      : `<h2>By ISO week</h2><table id="trends-weekly"><thead><tr><th>week</th>${HEAD}</tr></thead><tbody>${stats.weekly
          .map((g) => row(g, true))
          .join('')}</tbody></table>
<h2>All weeks</h2><table id="trends-overall"><thead><tr>${HEAD}</tr></thead><tbody>${stats.overall
          .map((g) => row(g, false))
          .join('')}</tbody></table>
<p class="muted">Usable = pass + pass with edits, over judged clips (human verdicts win). Jobs that failed before a verdict still count toward spend. Clips reused from earlier runs are not new generations and are left out.</p>`;
  return layout({
    title: 'Trends',
    nav: 'trends',
    bodyData: ' data-page="trends"',
    body: `<h1>Trends</h1>${body}`,
  });
}
