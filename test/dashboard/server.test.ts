/**
 * The dashboard server over real HTTP on 127.0.0.1: media only from the workspace (traversal,
 * absolute paths and symlinks out refused), Range requests, the WebM rendition, review API
 * validation, and request guards. No browser needed.
 */

import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeVideo } from '../../src/media/probe.ts';
import { type RunningDashboard, startDashboard } from '../../src/server/listen.ts';
import { openStoreHandle, type StoreHandle } from '../../src/server/store-handle.ts';
import { type DashboardFixture, makeDashboardFixture } from './fixture.ts';

/** A GET with the path sent byte-for-byte (fetch would normalise `..`). */
function rawGet(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('dashboard server', () => {
  let fixture: DashboardFixture;
  let handle: StoreHandle;
  let dashboard: RunningDashboard;
  let clipPath: string;
  const url = (path: string) => `${dashboard.url}${path.replace(/^\//, '')}`;

  beforeAll(async () => {
    fixture = await makeDashboardFixture('dash-server');
    handle = openStoreHandle({ cwd: fixture.dir, env: {}, workspace: fixture.store.workspace.root });
    dashboard = await startDashboard({ handle, cwd: fixture.dir, port: 0 });
    const first = fixture.store.views.jobView(fixture.seeded.jobIds[0] as number);
    clipPath = (first.clip?.path ?? '').replace(/^media\//, '');
    // A secret outside the media dir, and a symlink inside media pointing at it.
    writeFileSync(join(fixture.dir, 'secret.txt'), 'top secret');
    symlinkSync(join(fixture.dir, 'secret.txt'), join(fixture.store.workspace.mediaDir, 'escape.mp4'));
    mkdirSync(join(fixture.dir, 'outside'));
    symlinkSync(join(fixture.dir, 'outside'), join(fixture.store.workspace.mediaDir, 'linked-dir'));
    writeFileSync(join(fixture.dir, 'outside', 'x.mp4'), 'not for you');
  });
  afterAll(async () => {
    await dashboard?.close();
    handle?.close();
    await fixture?.remove();
  });

  it('serves a workspace clip whole (200) and by Range (206, 416)', async () => {
    const whole = await fetch(url(`/media/${clipPath}`));
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    const bytes = Buffer.from(await whole.arrayBuffer());
    expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');

    const part = await fetch(url(`/media/${clipPath}`), { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);

    const tail = await fetch(url(`/media/${clipPath}`), { headers: { range: 'bytes=-10' } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(bytes.length - 10))).toBe(true);

    const beyond = await fetch(url(`/media/${clipPath}`), { headers: { range: `bytes=${bytes.length}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
  });

  it.each([
    ['encoded ..', '/media/..%2f..%2fsecret.txt', 400],
    ['encoded .. (upper case)', '/media/..%2F..%2Fclipbench.db', 400],
    // The URL parser treats %2e%2e as `..` and normalises it away before routing: never reaches /media.
    ['encoded dot segments', '/media/x/%2e%2e/%2e%2e/secret.txt', 404],
    ['dot segment mixed with an encoded slash', '/media/%2e%2e%2fsecret.txt', 400],
    ['absolute path', '/media/%2fetc%2fpasswd', 400],
    ['backslash', '/media/..%5c..%5csecret.txt', 400],
    ['NUL byte', '/media/a%00.mp4', 400],
    ['bad escape', '/media/%zz', 400],
    ['symlink file out of the workspace', '/media/escape.mp4', 400],
    ['symlinked dir out of the workspace', '/media/linked-dir/x.mp4', 400],
    ['missing file', '/media/nope.mp4', 404],
    ['raw .. (normalised away from /media)', '/media/../../secret.txt', 404],
  ])('refuses %s with a JSON error', async (_name, path, status) => {
    const res = await rawGet(dashboard.port, path);
    expect(res.status).toBe(status);
    const body = JSON.parse(res.body) as { error: { code: string; message: string } };
    expect(body.error.code).toMatch(
      status === 400 ? /^media_path_refused$/ : /^(media_not_found|not_found)$/,
    );
    expect(res.body).not.toContain('top secret');
    expect(res.body).not.toContain('not for you');
  });

  it('transcodes a WebM/VP8 rendition for browsers without H.264, cached inside media/', async () => {
    const res = await fetch(url(`/renditions/webm/${clipPath}`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/webm');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 4).toString('hex')).toBe('1a45dfa3'); // EBML magic
    const file = join(fixture.dir, 'rendition.webm');
    writeFileSync(file, bytes);
    const info = await probeVideo(file);
    expect(info.codec).toBe('vp8');
    const again = await fetch(url(`/renditions/webm/${clipPath}`), { headers: { range: 'bytes=0-9' } });
    expect(again.status).toBe(206);
    expect((await rawGet(dashboard.port, '/renditions/webm/..%2fsecret.txt')).status).toBe(400);
  });

  it('validates review posts with the contract schemas and records the human verdict', async () => {
    const id = fixture.seeded.jobIds[3] as number;
    const post = (body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
      fetch(url(`/api/jobs/${id}/verdict`), { method: 'POST', headers, body: JSON.stringify(body) });

    const bad = await post({ verdict: 'great' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_review');
    expect((await post({ verdict: 'pass', extra: 1 })).status).toBe(400);
    expect((await post({ verdict: 'pass' }, { 'content-type': 'text/plain' })).status).toBe(415);
    expect(
      (await post({ verdict: 'pass' }, { 'content-type': 'application/json', origin: 'http://evil.example' }))
        .status,
    ).toBe(403);
    const noJob = await fetch(url('/api/jobs/999999/verdict'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ verdict: 'pass' }),
    });
    expect(noJob.status).toBe(404);
    expect((await fetch(url('/api/jobs/abc'))).status).toBe(400);
    expect(fixture.store.verdicts.list(id).filter((v) => v.source === 'human')).toHaveLength(0);

    const ok = await post({ verdict: 'fail', note: 'too soft', reviewer: 'ana' });
    expect(ok.status).toBe(201);
    const body = (await ok.json()) as {
      effective: string;
      automatic: string;
      agreement: { compared: number };
    };
    expect(body).toMatchObject({
      effective: 'fail',
      automatic: 'pass',
      agreement: { compared: 1, agreed: 0 },
    });
    expect(fixture.store.verdicts.effective(id)).toMatchObject({
      source: 'human',
      verdict: 'fail',
      note: 'too soft',
      reviewer: 'ana',
    });
    const agreement = (await (await fetch(url(`/api/agreement?run=${fixture.seeded.runId}`))).json()) as {
      rate: number;
    };
    expect(agreement.rate).toBe(0);
  });

  it('refuses non-loopback Host headers (DNS rebinding) and sends a no-external-origin CSP', async () => {
    expect((await rawGet(dashboard.port, '/experiments', { host: 'attacker.example:80' })).status).toBe(403);
    const page = await fetch(url('/experiments'));
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('answers the JSON API: experiments with progress, one run, trends, presets', async () => {
    const list = (await (await fetch(url('/api/experiments'))).json()) as {
      experiments: Array<{ id: string; jobs: number; finished: number; judged: number; spend_usd: number }>;
    };
    expect(list.experiments[0]).toMatchObject({
      id: fixture.seeded.runId,
      jobs: 12,
      finished: 12,
      judged: 11,
      spend_usd: 5.5,
    });
    const one = (await (await fetch(url(`/api/experiments/${fixture.seeded.runId}`))).json()) as {
      summary: { by_motion_score: unknown[] };
    };
    expect(one.summary.by_motion_score).toHaveLength(4);
    expect((await fetch(url('/api/experiments/run-nope'))).status).toBe(404);
    const trends = (await (await fetch(url('/api/trends'))).json()) as { weekly: unknown[] };
    expect(trends.weekly).toHaveLength(1);
    const presets = (await (await fetch(url('/api/presets'))).json()) as { versions: Array<{ ref: string }> };
    expect(presets.versions.map((v) => v.ref)).toContain('product@1');
    expect((await fetch(url('/experiments/run-nope'))).status).toBe(404);
  });
});
