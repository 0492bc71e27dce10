import { afterEach, describe, expect, it } from 'vitest';
import type { VideoRequest } from '../../src/contract/request.ts';
import type { JobState } from '../../src/contract/run.ts';
import type { FakeController } from '../../src/fakes/fake-controller.ts';
import {
  fakeProviders,
  KLING_BASE,
  klingFake,
  openStoreAt,
  runFile,
  tempDir,
  writeExperiment,
} from './helpers.ts';

let fake: FakeController | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

const SWEEP = {
  name: 'resume sweep',
  base: KLING_BASE,
  vary: { path: 'motion.motion_score', values: [1, 2, 3] },
  providers: ['kling'],
  seeds: [0, 1],
};

/** Runs until the first job reaches `stopAt`, aborts (in-flight jobs park), then resumes with a new runner. */
async function crashAndResume(stopAt: JobState) {
  fake = await klingFake();
  const dir = tempDir(`resume-${stopAt}`);
  const file = writeExperiment(dir, SWEEP);
  const controller = new AbortController();
  const first = await runFile(dir, file, fake, {
    signal: controller.signal,
    drainMs: 0,
    onEvent: (e) => {
      if (e.type === 'job' && e.job.state === stopAt && e.from !== null) controller.abort();
    },
  });
  expect(first.status).toBe('stopped');
  expect(first.stopReason).toBe('interrupted');
  const second = await runFile(dir, file, fake);
  expect(second.resumed).toBe(true);
  expect(second.runId).toBe(first.runId);
  expect(second.status).toBe('completed');
  const store = openStoreAt(dir);
  const jobs = store.jobs.list({ experimentId: second.runId });
  store.close();
  expect(jobs).toHaveLength(6);
  expect(jobs.every((j) => j.state === 'judged')).toBe(true);
  // Zero duplicate submits: exactly one paid task per job, every task id distinct.
  expect(fake.counters().tasksCreated).toBe(6);
  expect(new Set(jobs.map((j) => j.provider_task_id)).size).toBe(6);
  return { first, second };
}

describe('crash-safe resume (abort + a fresh runner on the same database)', () => {
  for (const state of ['submitting', 'submitted', 'generated', 'downloaded', 'analyzed'] as const) {
    it(`resumes a run stopped at ${state} without paying twice`, async () => {
      const { first, second } = await crashAndResume(state);
      expect(first.newSubmits + second.newSubmits + second.recovered).toBe(6);
    });
  }

  it('a job left in submitting after its task was created is found by key, not resubmitted', async () => {
    fake = await klingFake();
    const dir = tempDir('resume-sent');
    const file = writeExperiment(dir, SWEEP);
    const controller = new AbortController();
    controller.abort();
    const planned = await runFile(dir, file, fake, { signal: controller.signal });
    expect(planned.newSubmits).toBe(0);
    // Simulate the crash window: journal says submitting, and the provider did create the task.
    const store = openStoreAt(dir);
    const job = store.jobs.list({ experimentId: planned.runId })[0];
    if (job === undefined) throw new Error('no job');
    store.jobs.transition(job.id, 'planned', 'submitting', { taskMeta: { idempotency_key: job.job_key } });
    store.close();
    const provider = fakeProviders(fake)('kling');
    await provider.submit(job.request as VideoRequest, { jobKey: job.job_key, mediaDir: dir });
    expect(fake.counters().tasksCreated).toBe(1);
    const resumed = await runFile(dir, file, fake);
    expect(resumed.status).toBe('completed');
    expect(resumed.recovered).toBe(1);
    expect(resumed.newSubmits).toBe(5);
    expect(fake.counters().tasksCreated).toBe(6);
  });
});
