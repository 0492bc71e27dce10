import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type VideoRequestInput, VideoRequestSchema } from '../../contract/request.ts';
import type { FakeController } from '../../fakes/fake-controller.ts';
import { parseGoDurationMs, startReplicateFake } from '../../fakes/replicate/replicate-fake.ts';
import { fakeVersionOf } from '../../fakes/replicate/replicate-rules.ts';
import { providerRejection, recordingSleep, testProviderDeps } from '../conformance.ts';
import type { ProviderConfig, ProviderDeps } from '../provider.ts';
import { runJob } from '../run-job.ts';
import type { ReplicateProvider } from './client.ts';
import { replicateProvider } from './factory.ts';

const request = (over: Partial<VideoRequestInput> = {}) =>
  VideoRequestSchema.parse({ identity: { prompt: 'a boat' }, provider: { id: 'replicate' }, ...over });
const poll = { intervalMs: 10, backoff: 1, deadlineMs: 5000 };

describe('replicate adapter against the fake API', () => {
  let fake: FakeController;
  let dir: string;
  let recorder: ReturnType<typeof recordingSleep>;
  const deps = (): ProviderDeps =>
    testProviderDeps({ sleep: recorder.sleep, retry: { maxAttempts: 3 }, requestTimeoutMs: 500 });
  const make = (extra: ProviderConfig = {}) =>
    replicateProvider.create({ ...fake.config, ...extra }, deps()) as ReplicateProvider;
  const ctx = (jobKey = 'job-1') => ({ jobKey, mediaDir: join(dir, 'media') });

  beforeEach(async () => {
    fake = await startReplicateFake({ stageMs: 20 });
    dir = await mkdtemp(join(tmpdir(), 'clipbench-replicate-'));
    recorder = recordingSleep();
  });
  afterEach(async () => {
    await fake.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates with the version form and downloads at once', async () => {
    const model = `kwaivgi/kling-v2.1:${fakeVersionOf('kwaivgi/kling-v2.1')}`;
    const req = request({
      identity: { prompt: 'boat sails', reference_image: 'https://x.test/boat.png' },
      provider: { id: 'replicate', model },
    });
    const outcome = await runJob(make(), req, ctx(), poll);
    expect(outcome.job.model).toBe('kwaivgi/kling-v2.1');
    expect(outcome.status.cost).toEqual({ amountUsd: 0.25, basis: 'price_table' });
    expect(outcome.media.sourceUrl).toMatch(/\/delivery\/[a-z0-9]+\/output\.mp4$/);
  });

  it('honours the retry_after in the body when the 429 has no Retry-After header', async () => {
    fake.setFault({ kind: 'error', error: 'rate_limited', on: 'submit', times: 1 });
    await make().submit(request(), ctx());
    expect(recorder.delaysMs).toEqual([1000]);
  });

  it('sends Cancel-After on create; a prediction not started by the deadline ends aborted', async () => {
    const sent: string[] = [];
    const spy = replicateProvider.create(fake.config, {
      ...deps(),
      fetch: (url, init) => {
        sent.push(new Headers(init?.headers).get('cancel-after') ?? '-');
        return globalThis.fetch(url, init);
      },
    });
    await spy.submit(request(), ctx());
    expect(sent[0]).toBe('3600s');
    // The fake honours sub-second deadlines, so the abort path runs fast with a raw create.
    await fake.stop();
    fake = await startReplicateFake({ stageMs: 200 });
    const raw = await fetch(`${fake.config['REPLICATE_BASE_URL']}/models/kwaivgi/kling-v2.6/predictions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.config['REPLICATE_API_TOKEN']}`, 'cancel-after': '30ms' },
      body: JSON.stringify({ input: { prompt: 'late' } }),
    });
    const { id } = (await raw.json()) as { id: string };
    await new Promise((resolve) => setTimeout(resolve, 60));
    const job = {
      providerId: 'replicate',
      taskId: id,
      model: 'kwaivgi/kling-v2.6',
      jobKey: 'k',
      meta: {},
      submittedAtMs: 0,
      recovered: false,
    };
    expect(await make().status(job, ctx())).toMatchObject({ state: 'failed', code: 'aborted' });
    expect(parseGoDurationMs('1h30m')).toBe(5_400_000);
  });

  it('holds the create with Prefer: wait until the prediction is done', async () => {
    const job = await make({ REPLICATE_PREFER_WAIT_S: '2' }).submit(request(), ctx());
    expect(job.meta['createdStatus']).toBe('succeeded');
  });

  it('maps failed predictions: E005 is content policy, and canceled is reported', async () => {
    const provider = make();
    const policy = await providerRejection(
      runJob(provider, request({ identity: { prompt: 'forbidden' } }), ctx(), poll),
    );
    expect(policy.code).toBe('content_policy');
    const job = await provider.submit(request(), ctx('job-2'));
    expect(await provider.cancel(job, ctx('job-2'))).toBe('canceled');
    expect(await provider.status(job, ctx('job-2'))).toMatchObject({ state: 'failed', code: 'canceled' });
  });

  it('refuses invalid input with a typed invalid_request naming the field', async () => {
    const error = await providerRejection(
      make().submit(request({ provider: { id: 'replicate', options: { duration: 7 } } }), ctx()),
    );
    expect(error.code).toBe('invalid_request');
    expect(error.httpStatus).toBe(422);
    expect(error.message).toContain('input.duration');
  });

  it('reports deleted outputs as result_expired', async () => {
    const provider = make();
    const outcome = await runJob(provider, request(), ctx(), poll);
    fake.expireResults();
    const error = await providerRejection(provider.download(outcome.job, ctx()));
    expect(error.code).toBe('result_expired');
  });

  it('never retries a create whose connection dropped, and never leaks the token', async () => {
    fake.setFault({ kind: 'drop', when: 'after', on: 'submit' });
    const error = await providerRejection(make().submit(request(), ctx()));
    expect(error).toMatchObject({ code: 'network', retryable: false });
    expect(fake.counters()).toMatchObject({ submits: 1, tasksCreated: 1 });
    const wrong = await providerRejection(
      make({ REPLICATE_API_TOKEN: 'r8_wrongtoken' }).checkCredentials({}),
    );
    expect(wrong.code).toBe('auth');
    await expect(make().checkCredentials({})).resolves.toMatchObject({ ok: true });
    const token = fake.config['REPLICATE_API_TOKEN'] ?? '';
    expect(JSON.stringify([error.toJSON(), wrong.toJSON(), error.message])).not.toContain(token);
  });
});
