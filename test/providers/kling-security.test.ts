/**
 * Security: a full Kling session against the fake with recognisable keys; every output (CLI
 * stdout/stderr, error messages, stacks, JSON forms, retry log, returned objects) is grepped for
 * the keys and for the bearer token.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryContext } from '../../src/cli/context.ts';
import { main } from '../../src/cli/main.ts';
import { VideoRequestSchema } from '../../src/contract/request.ts';
import type { FakeController } from '../../src/fakes/fake-controller.ts';
import { startKlingFake } from '../../src/fakes/kling/server.ts';
import { ProviderError } from '../../src/http/errors.ts';
import { klingProviderFactory } from '../../src/providers/kling/factory.ts';
import { defaultProviderDeps } from '../../src/providers/registry.ts';
import { runJob } from '../../src/providers/run-job.ts';

const ACCESS = 'ak-RECOGNISABLE-ACCESS-1a2b3c4d';
const SECRET = 'sk-RECOGNISABLE-SECRET-9f8e7d6c5b';

let fake: FakeController;
let mediaDir: string;
const outputs: string[] = [];
const record = (label: string, value: unknown) =>
  outputs.push(`${label}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);

beforeAll(async () => {
  fake = await startKlingFake({
    stageMs: 20,
    credentials: { KLING_ACCESS_KEY: ACCESS, KLING_SECRET_KEY: SECRET },
  });
  mediaDir = await mkdtemp(join(tmpdir(), 'clipbench-sec-'));
});
afterAll(async () => {
  await fake.stop();
  await rm(mediaDir, { recursive: true, force: true });
});

function recordError(label: string, error: unknown) {
  if (error instanceof Error) {
    record(`${label}.message`, error.message);
    record(`${label}.stack`, error.stack ?? '');
    record(`${label}.string`, String(error));
  }
  if (error instanceof ProviderError) record(`${label}.json`, error.toJSON());
}

describe('no key ever leaves a Kling session', () => {
  it('runs the session and greps every output', async () => {
    let echoSecret = false;
    const base = defaultProviderDeps();
    const provider = klingProviderFactory.create(fake.config, {
      ...base,
      sleep: async () => {},
      // A hostile or buggy server that echoes the key back must not get it into our errors.
      fetch: async (url, init) => {
        if (echoSecret)
          return new Response(
            JSON.stringify({ code: 1000, message: `bad key ${SECRET} for ${ACCESS}`, request_id: 'r' }),
            {
              status: 401,
            },
          );
        return base.fetch(url, init);
      },
      retry: { maxAttempts: 3 },
    });
    const ctx = {
      jobKey: 'security-job-1',
      mediaDir,
      onRetry: (event: unknown) => record('retry', event),
    };
    const request = VideoRequestSchema.parse({ identity: { prompt: 'a mug' }, provider: { id: 'kling' } });
    fake.setFault({ kind: 'error', error: 'rate_limited', on: 'submit', times: 2 });
    const outcome = await runJob(provider, request, ctx, { intervalMs: 10, backoff: 1 });
    record('outcome', outcome);
    record('provider', provider);
    echoSecret = true;
    try {
      await provider.status(outcome.job, ctx);
      throw new Error('expected an auth error');
    } catch (error) {
      expect(error).toBeInstanceOf(ProviderError);
      recordError('auth', error);
    }
    echoSecret = false;

    const env = { ...fake.config };
    for (const argv of [
      ['providers', 'list', '--json'],
      ['providers', 'list'],
      ['providers', 'check', 'kling', '--json'],
      ['providers', 'check', 'kling'],
    ]) {
      const cli = memoryContext({ env });
      const code = await main(argv, cli);
      expect({ argv, code }).toEqual({ argv, code: 0 });
      record(argv.join(' '), cli.out() + cli.err());
    }
    const bad = memoryContext({ env: { ...env, KLING_SECRET_KEY: `${SECRET}-wrong` } });
    expect(await main(['providers', 'check', 'kling'], bad)).toBe(1);
    expect(bad.out()).toContain('[auth]');
    record('bad check', bad.out() + bad.err());

    const all = outputs.join('\n');
    expect(all).toContain('credentials OK');
    expect(all.length).toBeGreaterThan(2000);
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain(ACCESS);
    expect(all).not.toMatch(/Bearer ey/);
    expect(all).not.toContain(Buffer.from(ACCESS).toString('base64url').slice(0, 20));
  });
});
