import { afterEach, describe, expect, it } from 'vitest';
import type { FakeController } from '../fake-controller.ts';
import { startReplicateFake } from './replicate-fake.ts';

let fake: FakeController | undefined;
afterEach(async () => fake?.stop());

const create = (
  f: FakeController,
  input: Record<string, unknown> = { prompt: 'p' },
  headers: Record<string, string> = {},
) =>
  fetch(`${f.config['REPLICATE_BASE_URL']}/models/kwaivgi/kling-v2.6/predictions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${f.config['REPLICATE_API_TOKEN']}`, ...headers },
    body: JSON.stringify({ input }),
  });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('fake Replicate API', () => {
  it('checks the token, validates input synchronously, and progresses starting → processing → succeeded', async () => {
    fake = await startReplicateFake({ stageMs: 60 });
    const anonymous = await fetch(`${fake.config['REPLICATE_BASE_URL']}/account`);
    expect(anonymous.status).toBe(401);
    const invalid = await create(fake, { prompt: 'p', duration: '5' });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({ invalid_fields: [{ field: 'input.duration' }] });
    const created = await create(fake);
    expect(created.status).toBe(201);
    const p = (await created.json()) as { status: string; urls: { get: string } };
    expect(p.status).toBe('starting');
    const read = async () =>
      (await (
        await fetch(p.urls.get, {
          headers: { authorization: `Bearer ${fake?.config['REPLICATE_API_TOKEN']}` },
        })
      ).json()) as {
        status: string;
        output: string | null;
      };
    const seen: string[] = [];
    let done = await read();
    for (let i = 0; i < 200 && done.status !== 'succeeded'; i++) {
      if (seen.at(-1) !== done.status) seen.push(done.status);
      await sleep(5);
      done = await read();
    }
    expect(seen.at(-1)).toBe('processing');
    expect(done.status).toBe('succeeded');
    expect((await fetch(done.output ?? '')).status).toBe(200);
  });

  it('puts retry_after in the 429 body, enforces concurrency and expires outputs (data_removed)', async () => {
    fake = await startReplicateFake({ stageMs: 10, rateLimitPerS: 2, resultTtlMs: 20 });
    const first = (await (await create(fake)).json()) as { urls: { get: string } };
    await create(fake);
    const limited = await create(fake);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ status: 429, retry_after: 1 });
    await sleep(1050);
    const later = (await (
      await fetch(first.urls.get, {
        headers: { authorization: `Bearer ${fake.config['REPLICATE_API_TOKEN']}` },
      })
    ).json()) as { data_removed: boolean; output: unknown };
    expect(later).toMatchObject({ data_removed: true, output: null });
    await fake.stop();
    fake = await startReplicateFake({ stageMs: 200, maxConcurrentTasks: 1 });
    expect((await create(fake)).status).toBe(201);
    expect((await create(fake)).status).toBe(429);
  });
});
