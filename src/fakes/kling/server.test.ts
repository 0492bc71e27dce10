import { SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeController } from '../fake-controller.ts';
import { startKlingFake } from './server.ts';

let fake: FakeController | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

async function token(iss: string, secret: string, nowS: number, exp = nowS + 1800, nbf = nowS - 5) {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(iss)
    .setNotBefore(nbf)
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(secret));
}

async function post(path: string, auth: string | undefined, body: unknown) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (auth !== undefined) headers['authorization'] = auth;
  const res = await fetch(`${fake!.baseUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { code: number; data?: { task_id: string } } };
}

const nowS = () => Math.floor(Date.now() / 1000);
const keys = (f: FakeController) => ({
  ak: f.config['KLING_ACCESS_KEY']!,
  sk: f.config['KLING_SECRET_KEY']!,
});

describe('Kling fake server', () => {
  it('verifies the JWT with Kling codes', async () => {
    fake = await startKlingFake();
    const { ak, sk } = keys(fake);
    const body = { prompt: 'x', duration: '5', external_task_id: 'a' };
    expect((await post('/v1/videos/text2video', undefined, body)).body.code).toBe(1001);
    expect((await post('/v1/videos/text2video', 'Token abc', body)).body.code).toBe(1002);
    const wrongSecret = await token(ak, 'not-the-secret', nowS());
    expect(await post('/v1/videos/text2video', `Bearer ${wrongSecret}`, body)).toMatchObject({
      status: 401,
      body: { code: 1002 },
    });
    const expired = await token(ak, sk, nowS() - 4000, nowS() - 100);
    expect((await post('/v1/videos/text2video', `Bearer ${expired}`, body)).body.code).toBe(1004);
    const early = await token(ak, sk, nowS(), nowS() + 1800, nowS() + 600);
    expect((await post('/v1/videos/text2video', `Bearer ${early}`, body)).body.code).toBe(1003);
    const good = await token(ak, sk, nowS());
    expect(await post('/v1/videos/text2video', `Bearer ${good}`, body)).toMatchObject({
      status: 200,
      body: { code: 0 },
    });
    expect(fake.counters().tasksCreated).toBe(1);
  });

  it('refuses duplicates, bad fields, moderated prompts; enforces concurrency', async () => {
    fake = await startKlingFake({ maxConcurrentTasks: 1, stageMs: 5000 });
    const { ak, sk } = keys(fake);
    const auth = `Bearer ${await token(ak, sk, nowS())}`;
    const ok = await post('/v1/videos/text2video', auth, {
      prompt: 'x',
      duration: '5',
      external_task_id: 'k1',
    });
    expect(ok.body.code).toBe(0);
    expect(
      (await post('/v1/videos/text2video', auth, { prompt: 'x', duration: 5, external_task_id: 'k2' })).body
        .code,
    ).toBe(1201);
    expect(
      (
        await post('/v1/videos/image2video', auth, {
          prompt: 'x',
          image: 'data:image/png;base64,AA',
          external_task_id: 'k3',
        })
      ).body.code,
    ).toBe(1201);
    expect(
      (
        await post('/v1/videos/text2video', auth, {
          prompt: 'x',
          camera_control: { type: 'simple', config: { pan: 3, zoom: 2 } },
          external_task_id: 'k4',
        })
      ).body.code,
    ).toBe(1201);
    expect(
      (
        await post('/v1/videos/text2video', auth, {
          prompt: 'forbidden-content here',
          external_task_id: 'k5',
        })
      ).body.code,
    ).toBe(1301);
    expect(
      (await post('/v1/videos/text2video', auth, { prompt: 'again', external_task_id: 'k1' })).body.code,
    ).toBe(1201);
    expect(fake.counters().duplicatesRefused).toBe(1);
    expect(
      await post('/v1/videos/text2video', auth, { prompt: 'second', external_task_id: 'k6' }),
    ).toMatchObject({
      status: 429,
      body: { code: 1303 },
    });
    const byExternal = await fetch(`${fake.baseUrl}/v1/videos/text2video/k1`, {
      headers: { authorization: auth },
    });
    expect(((await byExternal.json()) as { data: { task_id: string } }).data.task_id).toBe(
      ok.body.data?.task_id,
    );
    expect(fake.counters().tasksCreated).toBe(1);
  });

  it('enforces the request rate with 1302 and Retry-After', async () => {
    fake = await startKlingFake({ rateLimitPerS: 2 });
    const { ak, sk } = keys(fake);
    const auth = { authorization: `Bearer ${await token(ak, sk, nowS())}` };
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${fake.baseUrl}/v1/videos/text2video?pageNum=1&pageSize=1`, { headers: auth });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
      await res.text();
    }
    expect(statuses).toEqual([200, 200, 429, 429]);
    expect(retryAfter).toBe('1');
  });
});
