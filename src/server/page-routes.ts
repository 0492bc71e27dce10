/** Server-rendered pages. `/` opens the latest experiment; an empty workspace shows the empty state. */
import { Hono } from 'hono';
import { computeStats } from '../reports/stats.ts';
import { summarizeRun } from '../reports/summary.ts';
import { StoreError } from '../store/store-error.ts';
import { renderEmptyPage } from '../web/empty-page.ts';
import { renderExperimentPage } from '../web/experiment-page.ts';
import { renderExperimentsPage } from '../web/experiments-page.ts';
import { esc, layout } from '../web/layout.ts';
import { renderPresetsPage } from '../web/presets-page.ts';
import { renderTrendsPage } from '../web/trends-page.ts';
import { clipSources, experimentRows } from './models.ts';
import { loadPresetsView } from './presets-view.ts';
import type { StoreHandle } from './store-handle.ts';

export type PageDeps = { handle: StoreHandle; cwd: string };

function notFoundPage(message: string): string {
  return layout({
    title: 'Not found',
    nav: 'experiments',
    body: `<div class="empty"><h1>Not found</h1><p>${esc(message)}</p><p><a href="/experiments">All experiments</a></p></div>`,
  });
}

/** Mounts the HTML pages. */
export function pageRoutes(deps: PageDeps): Hono {
  const pages = new Hono();
  const empty = () => renderEmptyPage({ workspaceRoot: deps.handle.workspace.root });
  pages.get('/', (c) => {
    const latest = deps.handle.current()?.experiments.list({ limit: 1 })[0];
    if (latest === undefined) return c.html(empty());
    return c.redirect(`/experiments/${encodeURIComponent(latest.id)}`, 302);
  });
  pages.get('/experiments', (c) => {
    const store = deps.handle.current();
    const rows = store === null ? [] : experimentRows(store);
    return c.html(rows.length === 0 ? empty() : renderExperimentsPage(rows));
  });
  pages.get('/experiments/:id', (c) => {
    const store = deps.handle.current();
    if (store === null) return c.html(empty());
    let id: string;
    try {
      id = store.experiments.resolve(c.req.param('id')).id;
    } catch (error) {
      if (error instanceof StoreError && error.code === 'store_not_found')
        return c.html(notFoundPage(error.message), 404);
      throw error;
    }
    const run = store.views.runView(id);
    return c.html(
      renderExperimentPage({
        run,
        summary: summarizeRun(run),
        agreement: store.verdicts.agreement(id),
        sources: (job) => clipSources(deps.handle.workspace, job),
      }),
    );
  });
  pages.get('/trends', (c) => {
    const store = deps.handle.current();
    return c.html(renderTrendsPage(computeStats(store === null ? [] : store.views.statRows())));
  });
  pages.get('/presets', (c) => c.html(renderPresetsPage(loadPresetsView(deps.cwd, deps.handle.current()))));
  return pages;
}
