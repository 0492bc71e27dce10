import { describe, expect, it } from 'vitest';
import type { JobView, RunView } from '../contract/run.ts';
import { summarizeRun } from '../reports/summary.ts';
import { DASHBOARD_SCRIPT } from './client-script.ts';
import { agreementText, clipColumns, renderExperimentPage } from './experiment-page.ts';
import { experimentRow } from './experiments-page.ts';

const experiment: RunView['experiment'] = {
  id: 'run-1',
  name: '<b>sweep</b>',
  preset_id: 'product',
  preset_version: 1,
  preset: 'product@1',
  provider: 'simulator',
  model: null,
  variable: 'motion.motion_score',
  config_hash: null,
  status: 'completed',
  budget_usd: null,
  simulated: true,
  config: {},
  plan: {},
  summary: null,
  created_at: '2026-11-26T00:00:00.000Z',
  updated_at: '2026-11-26T00:00:00.000Z',
  finished_at: null,
  iso_week: '2026-W48',
};

function job(id: number, motionScore: number): JobView {
  return {
    id,
    experiment_id: 'run-1',
    job_key: `k${id}`,
    state: 'failed',
    parked_from: null,
    preset: 'product@1',
    provider: 'simulator',
    model: null,
    prompt_hash: null,
    request_hash: null,
    skeleton_id: null,
    reference_id: null,
    motion_score: motionScore,
    camera_intent: 'slow "push"-in',
    seed: 0,
    repeat_index: 0,
    pass_name: null,
    sweep_value: null,
    failover_of: null,
    failover_reason: null,
    reused_from: null,
    provider_task_id: null,
    clip_hash: null,
    thumb_hash: null,
    estimated_cost_usd: null,
    cost_usd: 0.25,
    cost_basis: null,
    verdict: null,
    simulated: true,
    request: {},
    task_meta: null,
    error: { code: 'provider_timeout', message: '<script>x</script>' },
    created_at: '',
    updated_at: '',
    submitted_at: null,
    finished_at: null,
    iso_week: '2026-W48',
    analysis: null,
    auto_verdict: null,
    human_verdict: null,
    clip: null,
    thumb: null,
    attempt_count: 1,
    retry_count: 0,
  };
}

describe('experiment page', () => {
  const run: RunView = { experiment, jobs: [job(1, 10), job(2, 2), job(3, 2)] };

  it('orders columns by numeric varied value', () => {
    expect(clipColumns(run).map((c) => [c.value, c.jobs.map((j) => j.id)])).toEqual([
      ['2', [2, 3]],
      ['10', [1]],
    ]);
  });

  it('escapes stored text and labels simulated runs', () => {
    const html = renderExperimentPage({
      run,
      summary: summarizeRun(run),
      agreement: { compared: 0, agreed: 0, rate: null },
      sources: () => [],
    });
    expect(html).not.toContain('<script>x</script>');
    expect(html).not.toContain('<b>sweep</b>');
    expect(html).toContain('&lt;b&gt;sweep&lt;/b&gt;');
    expect(html).toContain('SIMULATED');
    expect(html).toContain('<script src="/assets/dashboard.js"></script>');
    // The SVG namespace is an identifier, not a request; nothing else may name another origin.
    expect(html.replaceAll('xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(/https?:\/\//);
  });

  it('words agreement', () => {
    expect(agreementText({ compared: 0, agreed: 0, rate: null })).toBe('no human reviews yet');
    expect(agreementText({ compared: 4, agreed: 3, rate: 0.75 })).toBe('3/4 agree (75%)');
  });
});

describe('experiments list row', () => {
  it('derives progress and usable rate from store totals', () => {
    expect(
      experimentRow(experiment, { jobs: 10, judged: 6, usable: 3, failed: 2, spendUsd: 4 }),
    ).toMatchObject({
      finished: 8,
      usable_rate: 0.5,
      spend_usd: 4,
    });
    expect(experimentRow(experiment, undefined)).toMatchObject({ jobs: 0, usable_rate: null });
  });
});

describe('client script', () => {
  it('is valid JavaScript with no external URL', () => {
    expect(() => new Function(DASHBOARD_SCRIPT)).not.toThrow();
    expect(DASHBOARD_SCRIPT).not.toMatch(/https?:\/\//);
  });
});
