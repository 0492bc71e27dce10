import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type VideoRequestInput, VideoRequestSchema } from '../../contract/request.ts';
import type { FakeController } from '../../fakes/fake-controller.ts';
import { startFalFake } from '../../fakes/fal/fal-fake.ts';
import { providerRejection, recordingSleep, testProviderDeps } from '../conformance.ts';
import { runJob } from '../run-job.ts';
import type { FalProvider } from './client.ts';
import { falProvider } from './factory.ts';

const request = (over: Partial<VideoRequestInput> = {}) =>
  VideoRequestSchema.parse({ identity: { prompt: 'a kite' }, provider: { id: 'fal' }, ...over });
const poll = { intervalMs: 10, backoff: 1, deadlineMs: 5000 };

const makeProvider = (fake: FakeController) =>
  falProvider.create(
    fake.config,
    testProviderDeps({ sleep: recordingSleep().sleep, retry: { maxAttempts: 3 }, requestTimeoutMs: 500 }),
  ) as FalProvider;

describe('fal adapter against the fake queue', () => {
  let fake: FakeController;
  let provider: FalProvider;
  let dir: string;
  const ctx = (jobKey = 'job-1') => ({ jobKey, mediaDir: join(dir, 'media') });

  beforeEach(async () => {
    fake = await startFalFake({ stageMs: 20 });
    dir = await mkdtemp(join(tmpdir(), 'clipbench-fal-'));
    provider = makeProvider(fake);
  });
  afterEach(async () => {
    await fake.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('runs image-to-video with a local image sent as a data URI and prices it from the table', async () => {
    const image = join(dir, 'hero.png');
    await writeFile(image, Buffer.from('89504e470d0a1a0a', 'hex'));
    const req = request({ identity: { prompt: 'hero turns', reference_image: image } });
    const outcome = await runJob(provider, req, ctx(), poll);
    expect(outcome.job.meta['endpointId']).toBe('fal-ai/kling-video/v2.6/pro/image-to-video');
    // fal's status URL drops the endpoint subpath.
    expect(outcome.job.meta['statusUrl']).toMatch(/\/fal-ai\/kling-video\/requests\/[^/]+\/status$/);
    expect(outcome.status.cost).toEqual({ amountUsd: 0.35, basis: 'price_table' });
    expect(outcome.media.bytes).toBeGreaterThan(0);
  });

  it('reports a validation failure that fal delivers as COMPLETED + 422 on the result', async () => {
    // A motion-control request without a character orientation passes submit and fails at the result.
    const req = request({
      identity: { prompt: 'dance', reference_image: 'https://x.test/i.png' },
      motion_source: { reference_video: 'https://x.test/v.mp4' },
      provider: { id: 'fal', options: { character_orientation: 'sideways' } },
    });
    const error = await providerRejection(runJob(provider, req, ctx(), poll));
    expect(error.code).toBe('invalid_request');
    expect(error.message).toContain('character_orientation');
    expect(fake.counters()).toMatchObject({ tasksCreated: 1, downloads: 0 });
  });

  it('classifies a content-policy refusal from the typed detail type', async () => {
    const error = await providerRejection(
      runJob(provider, request({ identity: { prompt: 'forbidden scene' } }), ctx(), poll),
    );
    expect(error.code).toBe('content_policy');
    expect(error.retryable).toBe(false);
  });

  it('never retries a submit whose connection dropped after the job was created', async () => {
    fake.setFault({ kind: 'drop', when: 'after', on: 'submit' });
    const error = await providerRejection(provider.submit(request(), ctx()));
    expect(error.code).toBe('network');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('outcome unknown');
    expect(fake.counters()).toMatchObject({ submits: 1, tasksCreated: 1 });
    expect(await provider.findByJobKey(ctx())).toBeNull();
  });

  it('cancels a queued job through the returned cancel_url', async () => {
    // A slow queue so the job is still IN_QUEUE when we cancel, however loaded the machine is.
    await fake.stop();
    fake = await startFalFake({ stageMs: 60_000 });
    provider = makeProvider(fake);
    const job = await provider.submit(request(), ctx());
    expect(await provider.cancel(job, ctx())).toBe('CANCELLATION_REQUESTED');
    const status = await provider.status(job, ctx());
    expect(status).toMatchObject({ state: 'failed', code: 'invalid_request' });
    expect(await provider.cancel(job, ctx())).toBe('ALREADY_COMPLETED');
  });

  it('checks credentials for free and refuses a wrong key with an auth error', async () => {
    await expect(provider.checkCredentials({})).resolves.toMatchObject({ ok: true });
    const wrong = falProvider.create(
      { ...fake.config, FAL_KEY: 'wrong:key-123456' },
      {
        fetch: globalThis.fetch,
        clock: Date.now,
        sleep: recordingSleep().sleep,
        random: () => 0.5,
      },
    );
    expect((await providerRejection(wrong.checkCredentials({}))).code).toBe('auth');
    expect(() =>
      falProvider.create({}, { fetch, clock: Date.now, sleep: recordingSleep().sleep, random: Math.random }),
    ).toThrow(expect.objectContaining({ code: 'missing_credentials', field: 'FAL_KEY' }));
  });

  it('never sends the key to a status URL on another origin', async () => {
    const seen: string[] = [];
    const spy = falProvider.create(fake.config, {
      fetch: (url, init) => {
        seen.push(`${url} ${new Headers(init?.headers).get('authorization') ?? ''}`);
        return globalThis.fetch(url, init);
      },
      clock: Date.now,
      sleep: recordingSleep().sleep,
      random: () => 0.5,
    });
    const job = await spy.submit(request(), ctx());
    const hostile = { ...job, meta: { ...job.meta, statusUrl: 'http://evil.invalid/steal/status' } };
    await spy.status(hostile, ctx());
    expect(seen.some((line) => line.includes('evil.invalid'))).toBe(false);
  });
});
