import { afterEach, describe, expect, it } from 'vitest';
import type { FakeController } from '../../src/fakes/fake-controller.ts';
import { KLING_BASE, klingFake, openStoreAt, runFile, tempDir, writeExperiment } from './helpers.ts';

let fake: FakeController | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

describe('runner against the Kling fake', () => {
  it('runs a sweep end to end: every job judged, one paid task per job', async () => {
    fake = await klingFake();
    const dir = tempDir('e2e');
    const file = writeExperiment(dir, {
      name: 'mug sweep',
      base: KLING_BASE,
      vary: { path: 'motion.motion_score', values: [1, 2, 3] },
      providers: ['kling'],
      seeds: [0, 1],
    });
    const outcome = await runFile(dir, file, fake, { cutAbove: 2.5 });
    expect(outcome.status).toBe('completed');
    expect(outcome.newSubmits).toBe(6);
    expect(fake.counters().tasksCreated).toBe(6);
    expect(outcome.summary.verdicts).toEqual({ pass: 4, pass_with_edits: 0, fail: 2 });
    const store = openStoreAt(dir);
    const jobs = store.jobs.list({ experimentId: outcome.runId });
    store.close();
    expect(
      jobs.every((j) => j.state === 'judged' && j.provider_task_id !== null && j.cost_usd !== null),
    ).toBe(true);
  });
});
