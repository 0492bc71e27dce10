import { afterEach, describe, expect, it } from 'vitest';
import type { FakeController } from '../fake-controller.ts';
import { startFalFake } from './fal-fake.ts';

const T2V = 'fal-ai/kling-video/v2.5-turbo/pro/text-to-video';
let fake: FakeController | undefined;
afterEach(async () => fake?.stop());

const submit = (
  f: FakeController,
  body: unknown = { prompt: 'p', duration: '5' },
  auth = `Key ${f.config['FAL_KEY']}`,
) =>
  fetch(`${f.baseUrl}/${T2V}`, {
    method: 'POST',
    headers: { authorization: auth },
    body: JSON.stringify(body),
  });
const get = (f: FakeController, url: string) =>
  fetch(url, { headers: { authorization: `Key ${f.config['FAL_KEY']}` } });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('fake fal queue', () => {
  it('checks the Key scheme, answers 202 while pending and 200 when completed, on app-level URLs', async () => {
    fake = await startFalFake({ stageMs: 80 });
    expect((await submit(fake, {}, `Bearer ${fake.config['FAL_KEY']}`)).status).toBe(401);
    const created = (await (await submit(fake)).json()) as { status_url: string; response_url: string };
    expect(created.status_url).toMatch(/\/fal-ai\/kling-video\/requests\/[^/]+\/status$/);
    expect((await get(fake, created.status_url)).status).toBe(202);
    await sleep(200);
    const done = await get(fake, created.status_url);
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ status: 'COMPLETED' });
    const result = (await (await get(fake, created.response_url)).json()) as { video: { url: string } };
    expect((await fetch(result.video.url)).status).toBe(200);
  });

  it('fails bad input at the result (COMPLETED + 422), enforces rate and concurrency limits, expires files', async () => {
    fake = await startFalFake({ stageMs: 10, rateLimitPerS: 3, resultTtlMs: 30 });
    const bad = (await (await submit(fake, { prompt: 'p', duration: 5 })).json()) as { response_url: string };
    await sleep(30);
    const failed = await get(fake, bad.response_url);
    expect(failed.status).toBe(422);
    expect(await failed.json()).toMatchObject({
      detail: [{ loc: ['body', 'duration'], type: 'literal_error' }],
    });
    const good = (await (await submit(fake)).json()) as { response_url: string };
    expect((await submit(fake)).status).toBe(429);
    expect(fake.counters().rateLimited).toBe(1);
    await sleep(1050);
    const { video } = (await (await get(fake, good.response_url)).json()) as { video: { url: string } };
    expect((await fetch(video.url)).status).toBe(404);
    await fake.stop();
    fake = await startFalFake({ stageMs: 200, maxConcurrentTasks: 1 });
    expect((await submit(fake)).status).toBe(200);
    expect((await submit(fake)).status).toBe(429);
  });
});
