import { afterEach, describe, expect, it } from 'vitest';
import type { FakeController } from '../../src/fakes/fake-controller.ts';
import { StoreError } from '../../src/store/store-error.ts';
import {
  KLING_BASE,
  klingFake,
  openStoreAt,
  runFile,
  runFileOn,
  tempDir,
  writeExperiment,
} from './helpers.ts';

let fake: FakeController | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

const sweep = (values: number[], extra: Record<string, unknown> = {}) => ({
  base: KLING_BASE,
  vary: { path: 'motion.motion_score', values },
  providers: ['kling'],
  seeds: [0, 1],
  ...extra,
});

const PRODUCT_THREE_PASS = {
  name: 'product three-pass on kling',
  preset: 'product',
  three_pass: true,
  providers: ['kling:kling-v2-1'],
  seeds: [0, 1, 2],
  base: { identity: { subject: 'a steel watch', scene: 'black velvet' }, output: { resolution: '720p' } },
};

describe('budget cap', () => {
  it('never starts a job that could exceed the cap; resuming with a larger budget finishes the run', async () => {
    fake = await klingFake();
    const dir = tempDir('budget');
    const file = writeExperiment(dir, sweep([1, 2, 3]));
    const store = openStoreAt(dir);
    store.close();
    const probe = await runFile(dir, file, fake, { budgetUsd: 0.01 });
    expect(probe.status).toBe('stopped');
    expect(probe.stopReason).toBe('budget');
    expect(fake.counters().tasksCreated).toBe(0);
    const s = openStoreAt(dir);
    const estimate = s.jobs.list({ experimentId: probe.runId })[0]?.estimated_cost_usd ?? 0;
    s.close();
    expect(estimate).toBeGreaterThan(0);
    const capped = await runFile(dir, file, fake, { budgetUsd: estimate * 2.5, concurrency: 1 });
    expect(capped.runId).toBe(probe.runId);
    expect(capped.stopReason).toBe('budget');
    expect(capped.spend.committedUsd).toBeLessThanOrEqual(estimate * 2.5 + 1e-9);
    const started = fake.counters().tasksCreated;
    expect(started).toBeGreaterThanOrEqual(1);
    expect(started).toBeLessThan(6);
    const done = await runFile(dir, file, fake, { budgetUsd: 100 });
    expect(done.status).toBe('completed');
    expect(fake.counters().tasksCreated).toBe(6);
  });
});

describe('three-pass gating and failover', () => {
  it('skips the stress pass when mid is unhealthy, says why, and spends nothing on it', async () => {
    fake = await klingFake();
    const dir = tempDir('gate');
    const file = writeExperiment(dir, PRODUCT_THREE_PASS);
    const outcome = await runFile(dir, file, fake, { cutAbove: 2, failover: false });
    expect(outcome.status).toBe('completed');
    const [baseline, mid, stress] = outcome.passes;
    expect(baseline).toMatchObject({ pass: 'baseline', healthy: true, usable: 3 });
    expect(mid).toMatchObject({ pass: 'mid', healthy: false, usable: 0 });
    expect(stress?.skipped).toBe(true);
    expect(stress?.reason).toContain('mid usable rate 0%');
    expect(fake.counters().tasksCreated).toBe(6);
    const store = openStoreAt(dir);
    const stressJobs = store.jobs
      .list({ experimentId: outcome.runId })
      .filter((j) => j.pass_name === 'stress');
    const plan = store.experiments.require(outcome.runId).plan;
    store.close();
    expect(stressJobs.map((j) => [j.state, j.parked_from, j.cost_usd])).toEqual([
      ['parked', 'planned', null],
      ['parked', 'planned', null],
      ['parked', 'planned', null],
    ]);
    expect(plan['usable_rate_min']).toBe(0.7);
  });

  it('runs the stress pass when baseline and mid are healthy', async () => {
    fake = await klingFake();
    const dir = tempDir('gate-ok');
    const file = writeExperiment(dir, PRODUCT_THREE_PASS);
    const outcome = await runFile(dir, file, fake, { cutAbove: 4, failover: false });
    expect(outcome.passes.map((p) => [p.pass, p.healthy, p.skipped])).toEqual([
      ['baseline', true, false],
      ['mid', true, false],
      ['stress', false, false],
    ]);
    expect(fake.counters().tasksCreated).toBe(9);
    expect(outcome.summary.recommendation).toMatchObject({ min: 1.5, max: 3 });
  });

  it('a failed clip gets the preset failover as a linked job', async () => {
    fake = await klingFake();
    const dir = tempDir('failover');
    const file = writeExperiment(dir, PRODUCT_THREE_PASS);
    const outcome = await runFile(dir, file, fake, { cutAbove: 2 });
    expect(outcome.failovers).toBe(3);
    const store = openStoreAt(dir);
    const jobs = store.jobs.list({ experimentId: outcome.runId });
    store.close();
    const children = jobs.filter((j) => j.failover_of !== null);
    expect(children).toHaveLength(3);
    for (const child of children) {
      const parent = jobs.find((j) => j.id === child.failover_of);
      expect(parent?.verdict).toBe('fail');
      expect(parent?.motion_score).toBe(3);
      expect(child.motion_score).toBe(2);
      expect(child.failover_reason).toContain('motion_score 3 → 2');
      expect(child.verdict).toBe('pass');
    }
    // Failover jobs do not rescue the mid pass's health: stress still gated.
    expect(outcome.passes[2]?.skipped).toBe(true);
    expect(fake.counters().tasksCreated).toBe(9);
  });
});

describe('reuse across experiments and --fresh', () => {
  it('identical job keys in another experiment reuse the stored clip; --fresh pays again', async () => {
    fake = await klingFake();
    const dir = tempDir('reuse');
    const a = writeExperiment(dir, sweep([1, 2, 3], { name: 'a' }), 'a.yaml');
    const b = writeExperiment(dir, sweep([2, 3, 4], { name: 'b' }), 'b.yaml');
    await runFile(dir, a, fake);
    expect(fake.counters().tasksCreated).toBe(6);
    const second = await runFile(dir, b, fake);
    expect(second.reused).toBe(4);
    expect(second.newSubmits).toBe(2);
    expect(fake.counters().tasksCreated).toBe(8);
    const again = await runFile(dir, a, fake);
    expect(again.resumed).toBe(false);
    expect(again.reused).toBe(6);
    expect(again.newSubmits).toBe(0);
    const fresh = await runFile(dir, a, fake, { fresh: true });
    expect(fresh.reused).toBe(0);
    expect(fresh.newSubmits).toBe(6);
    expect(fake.counters().tasksCreated).toBe(14);
  });
});

describe('a disk-full write', () => {
  it('stops with a typed store error and the journal resumes without paying twice', async () => {
    fake = await klingFake();
    const dir = tempDir('full');
    const file = writeExperiment(dir, sweep([1, 2, 3]));
    const store = openStoreAt(dir);
    const pages = Number(store.db.sql.pragma('page_count', { simple: true }));
    store.close();
    const capped = openStoreAt(dir);
    capped.db.sql.pragma(`max_page_count = ${pages + 1}`);
    let error: unknown;
    try {
      await runFileOn(capped, dir, file, fake);
    } catch (e) {
      error = e;
    } finally {
      capped.close();
    }
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('store_write_failed');
    const done = await runFile(dir, file, fake);
    expect(done.status).toBe('completed');
    expect(fake.counters().tasksCreated).toBe(6);
  });
});
