import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../contract/analysis.ts';
import type { Rubric } from '../contract/verdict.ts';
import { LATEST_SCHEMA_VERSION } from './migrations.ts';
import { openStore, type Store } from './store.ts';

const ANALYSIS: AnalysisResult = {
  camera: { move: 'push_in', speed: 'slow', confidence: 0.9 },
  cuts: [],
  defects: [],
  metrics: { shake: 0.01 },
  video: { frames: 48, fps: 24, width: 320, height: 180, duration_s: 2 },
};

function rubric(verdict: Rubric['verdict']): Rubric {
  return {
    rubric_version: 1,
    verdict,
    scores: { temporal_continuity: 0.9, subject_integrity: 1, camera_intent_match: 1 },
    checks: [],
    reasons: [],
    edits: [],
    thresholds: {},
  };
}

function fixture(now = new Date('2026-11-26T10:00:00Z')): { store: Store; runId: string } {
  const store = openStore({ path: ':memory:', now: () => now });
  const run = store.experiments.create({
    name: 'demo',
    presetId: 'product',
    presetVersion: 1,
    provider: 'simulator',
    variable: 'motion.motion_score',
    simulated: true,
  });
  return { store, runId: run.id };
}

const job = (runId: string, key: string, motionScore = 3) => ({
  experimentId: runId,
  jobKey: key,
  provider: 'simulator',
  preset: 'product@1',
  motionScore,
  cameraIntent: 'slow push-in',
  request: { motion: { motion_score: motionScore } },
  estimatedCostUsd: 0.5,
});

describe('store: schema and experiments', () => {
  it('migrates a new database to the latest version and records the ISO week', () => {
    const { store, runId } = fixture();
    const applied = store.db.sql.prepare('SELECT version FROM migrations').all() as { version: number }[];
    expect(applied.map((r) => r.version)).toEqual([LATEST_SCHEMA_VERSION]);
    const run = store.experiments.require(runId);
    expect(run.preset).toBe('product@1');
    expect(run.iso_week).toBe('2026-W48');
    expect(store.experiments.resolve('latest').id).toBe(runId);
    expect(store.experiments.resolve(runId.slice(0, 18)).id).toBe(runId);
    expect(() => store.experiments.resolve('nope')).toThrow(
      expect.objectContaining({ code: 'store_not_found' }),
    );
  });
});

describe('store: job journal', () => {
  it('walks the state machine with compare-and-set transitions', () => {
    const { store, runId } = fixture();
    const planned = store.jobs.plan(job(runId, 'k1'));
    expect(store.jobs.plan(job(runId, 'k1')).id).toBe(planned.id); // idempotent re-plan
    store.jobs.transition(planned.id, 'planned', 'submitting');
    const submitted = store.jobs.transition(planned.id, 'submitting', 'submitted', {
      providerTaskId: 'task-1',
      taskMeta: { family: 'video' },
    });
    expect(submitted.submitted_at).not.toBeNull();
    expect(submitted.task_meta).toEqual({ family: 'video' });
    expect(() => store.jobs.transition(planned.id, 'submitting', 'submitted')).toThrow(
      expect.objectContaining({ code: 'store_conflict' }),
    );
    expect(() => store.jobs.transition(planned.id, 'submitted', 'judged')).toThrow(
      expect.objectContaining({ code: 'store_conflict' }),
    );
    store.jobs.transition(planned.id, 'submitted', 'generated', { costUsd: 0.42, costBasis: 'reported' });
    store.assets.put({ contentHash: 'h1', kind: 'clip', path: 'media/h1.mp4', bytes: 10, simulated: true });
    store.jobs.transition(planned.id, 'generated', 'downloaded', { clipHash: 'h1' });
    store.analyses.save(planned.id, ANALYSIS, 'h1');
    store.jobs.transition(planned.id, 'downloaded', 'analyzed');
    store.verdicts.recordAuto(planned.id, rubric('pass_with_edits'));
    const judged = store.jobs.transition(planned.id, 'analyzed', 'judged');
    expect(judged.verdict).toBe('pass_with_edits');
    expect(judged.finished_at).not.toBeNull();
    expect(store.jobs.countByState(runId).judged).toBe(1);
    expect(store.jobs.spend(runId)).toEqual({ actualUsd: 0.42, committedUsd: 0.42 });
  });

  it('parks and resumes a job where it stopped, and fails with a typed error', () => {
    const { store, runId } = fixture();
    const a = store.jobs.plan(job(runId, 'a'));
    store.jobs.transition(a.id, 'planned', 'submitting');
    store.jobs.transition(a.id, 'submitting', 'submitted');
    expect(store.jobs.park(a.id, 'SIGINT').state).toBe('parked');
    expect(store.jobs.spend(runId).committedUsd).toBe(0.5); // in flight: estimate counts
    expect(() => store.jobs.transition(a.id, 'parked', 'generated')).toThrow();
    const resumed = store.jobs.unpark(a.id);
    expect(resumed.state).toBe('submitted');
    expect(resumed.error).toBeNull();
    const failed = store.jobs.fail(a.id, { code: 'provider_moderation', message: 'refused' });
    expect(failed.state).toBe('failed');
    expect(() => store.jobs.fail(a.id, { code: 'x', message: 'again' })).toThrow(
      expect.objectContaining({ code: 'store_conflict' }),
    );
  });

  it('links failover jobs and records attempts with retry metrics', () => {
    const { store, runId } = fixture();
    const a = store.jobs.plan(job(runId, 'a', 8));
    store.attempts.record({
      jobId: a.id,
      phase: 'submit',
      attempts: 3,
      totalDelayMs: 1500,
      outcome: 'error',
      httpStatus: 500,
    });
    store.jobs.fail(a.id, { code: 'provider_5xx', message: 'server error' });
    const b = store.jobs.planFailover(a.id, job(runId, 'a-failover', 6), 'lower motion_score 8 → 6');
    expect(b.failover_of).toBe(a.id);
    expect(b.failover_reason).toContain('lower motion_score');
    expect(store.attempts.totals(runId)['submit']).toEqual({
      operations: 1,
      attempts: 3,
      retries: 2,
      errors: 1,
    });
  });

  it('finds a judged job by key across experiments and reuses its clip at no cost', () => {
    const { store, runId } = fixture();
    const first = store.jobs.plan(job(runId, 'same'));
    store.assets.put({ contentHash: 'clip', kind: 'clip', path: 'media/clip.mp4', bytes: 5 });
    for (const [from, to] of [
      ['planned', 'submitting'],
      ['submitting', 'submitted'],
      ['submitted', 'generated'],
      ['generated', 'downloaded'],
      ['downloaded', 'analyzed'],
    ] as const)
      store.jobs.transition(
        first.id,
        from,
        to,
        to === 'downloaded' ? { clipHash: 'clip', costUsd: 0.5 } : {},
      );
    store.analyses.save(first.id, ANALYSIS, 'clip');
    store.verdicts.recordAuto(first.id, rubric('pass'));
    store.jobs.transition(first.id, 'analyzed', 'judged');

    const second = store.experiments.create({ name: 'again', provider: 'simulator' });
    const planned = store.jobs.plan(job(second.id, 'same'));
    const source = store.jobs.findReusable('same', second.id);
    expect(source?.id).toBe(first.id);
    const reused = store.jobs.reuse(planned.id, first.id);
    expect(reused).toMatchObject({
      state: 'judged',
      reused_from: first.id,
      clip_hash: 'clip',
      cost_usd: 0,
      verdict: 'pass',
    });
    expect(store.analyses.latest(planned.id)?.camera.move).toBe('push_in');
    expect(store.jobs.findByKey('same').map((j) => j.experiment_id)).toEqual([second.id, runId]);
    expect(store.views.statRows().map((r) => r.job_id)).toEqual([first.id]); // reused excluded
  });
});

describe('store: verdicts and approvals', () => {
  it('lets the human verdict win and reports agreement', () => {
    const { store, runId } = fixture();
    const a = store.jobs.plan(job(runId, 'a'));
    store.verdicts.recordAuto(a.id, rubric('pass'));
    expect(store.verdicts.effective(a.id)?.source).toBe('auto');
    store.verdicts.recordHuman(a.id, { verdict: 'fail', note: 'hand warps at 2 s' });
    store.verdicts.recordAuto(a.id, rubric('pass')); // a later re-judge does not override the human
    expect(store.verdicts.effective(a.id)).toMatchObject({
      source: 'human',
      verdict: 'fail',
      note: 'hand warps at 2 s',
    });
    expect(store.jobs.require(a.id).verdict).toBe('fail');
    expect(store.verdicts.agreement(runId)).toEqual({ compared: 1, agreed: 0, rate: 0 });
    expect(() => store.verdicts.recordHuman(999, { verdict: 'pass' })).toThrow(
      expect.objectContaining({ code: 'store_not_found' }),
    );
  });

  it('records immutable preset versions and retires them keeping history', () => {
    const { store, runId } = fixture();
    const v1 = store.approvals.approve({
      presetId: 'product',
      rangeMin: 2,
      rangeMax: 5,
      runId,
      evidence: { usable: 0.9 },
    });
    const v2 = store.approvals.approve({ presetId: 'product', rangeMin: 2, rangeMax: 6 });
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect(() => store.approvals.approve({ presetId: 'product', version: 2 })).toThrow(
      expect.objectContaining({ code: 'store_conflict' }),
    );
    store.approvals.retire('product', { version: 2, reason: 'usable rate 0.4 < 0.6 for 2 weeks' });
    expect(store.approvals.latest('product')?.version).toBe(1);
    expect(store.approvals.list('product')).toHaveLength(2);
  });
});

describe('store: transactions', () => {
  it('refuses a transaction that returns a promise (no transaction spans an await)', () => {
    const { store } = fixture();
    expect(() => store.db.tx(() => Promise.resolve(1))).toThrow(
      expect.objectContaining({ code: 'store_transaction_async' }),
    );
  });
});
