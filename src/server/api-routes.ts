/** JSON API: runs, live progress, one run's summary, jobs, human review, agreement, trends, presets. */
import { Hono } from 'hono';
import { computeStats } from '../reports/stats.ts';
import { summarizeRun } from '../reports/summary.ts';
import type { Store } from '../store/store.ts';
import { agreementText, spendText } from '../web/experiment-page.ts';
import { ApiError } from './api-error.ts';
import { JobIdSchema, ReviewInputSchema, type ReviewResponse, ReviewResponseSchema } from './api-schemas.ts';
import { experimentRows, usableRateText } from './models.ts';
import { loadPresetsView } from './presets-view.ts';
import type { StoreHandle } from './store-handle.ts';

export type ApiDeps = { handle: StoreHandle; cwd: string; reviewer: string | null };

function requireStore(handle: StoreHandle): Store {
  const store = handle.current();
  if (store === null)
    throw new ApiError(404, 'store_not_found', `no clipbench workspace at ${handle.workspace.root} yet`);
  return store;
}

function jobId(raw: string): number {
  const parsed = JobIdSchema.safeParse(raw);
  if (!parsed.success)
    throw new ApiError(400, 'invalid_job_id', `Expected a positive integer job id, got \`${raw}\``);
  return parsed.data;
}

/** Mounts the API routes (paths under /api). */
export function apiRoutes(deps: ApiDeps): Hono {
  const api = new Hono();
  api.get('/experiments', (c) => {
    const store = deps.handle.current();
    return c.json({ experiments: store === null ? [] : experimentRows(store) });
  });
  api.get('/experiments/:id', (c) => {
    const store = requireStore(deps.handle);
    const run = store.views.runView(store.experiments.resolve(c.req.param('id')).id);
    const row = experimentRows(store).find((r) => r.id === run.experiment.id);
    return c.json({
      experiment: row,
      summary: summarizeRun(run),
      agreement: store.verdicts.agreement(run.experiment.id),
    });
  });
  api.get('/jobs/:id', (c) =>
    c.json({ job: requireStore(deps.handle).views.jobView(jobId(c.req.param('id'))) }),
  );
  api.post('/jobs/:id/verdict', async (c) => {
    const id = jobId(c.req.param('id'));
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new ApiError(400, 'invalid_json', 'the request body is not valid JSON');
    }
    const parsed = ReviewInputSchema.safeParse(body);
    if (!parsed.success)
      throw new ApiError(
        400,
        'invalid_review',
        'Expected `{ verdict: pass | pass_with_edits | fail, note?, reviewer? }`',
        parsed.error.issues,
      );
    const store = requireStore(deps.handle);
    const job = store.views.jobView(id);
    const recorded = store.verdicts.recordHuman(id, {
      verdict: parsed.data.verdict,
      note: parsed.data.note ?? null,
      reviewer: parsed.data.reviewer ?? deps.reviewer,
    });
    const agreement = store.verdicts.agreement(job.experiment_id);
    const totals = store.views.runTotals().get(job.experiment_id);
    const response: ReviewResponse = {
      job_id: id,
      run_id: job.experiment_id,
      recorded,
      automatic: store.verdicts.latestAuto(id)?.verdict ?? null,
      effective: store.verdicts.effective(id)?.verdict ?? recorded.verdict,
      agreement,
      agreement_text: agreementText(agreement),
      usable_rate_text: usableRateText(totals?.usable ?? 0, totals?.judged ?? 0),
      spend_text: spendText(totals?.spendUsd ?? 0, totals?.usable ?? 0),
    };
    // Validated on the way out too: the page relies on this shape.
    return c.json(ReviewResponseSchema.parse(response), 201);
  });
  api.get('/agreement', (c) => {
    const run = c.req.query('run');
    return c.json(
      requireStore(deps.handle).verdicts.agreement(run === undefined || run === '' ? undefined : run),
    );
  });
  api.get('/trends', (c) => {
    const store = deps.handle.current();
    return c.json(computeStats(store === null ? [] : store.views.statRows()));
  });
  api.get('/presets', (c) => {
    const view = loadPresetsView(deps.cwd, deps.handle.current());
    return c.json({
      versions: view.catalog.map((r) => ({
        ref: `${r.preset.id}@${r.preset.version}`,
        status: r.preset.status,
        motion_score: r.preset.motion_score,
        source: r.source,
        file: r.file,
      })),
      approvals: view.approvals,
      catalog_error: view.catalogError,
    });
  });
  return api;
}
