/**
 * Security: a fal session and a Replicate session against their fakes with recognisable keys; every
 * output (CLI stdout/stderr, error messages, stacks, JSON forms, retry log, returned objects) is
 * grepped for the key and for the Authorization header forms.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryContext } from '../../src/cli/context.ts';
import { main } from '../../src/cli/main.ts';
import { VideoRequestSchema } from '../../src/contract/request.ts';
import type { FakeController, FakeServerOptions } from '../../src/fakes/fake-controller.ts';
import { startFalFake } from '../../src/fakes/fal/fal-fake.ts';
import { startReplicateFake } from '../../src/fakes/replicate/replicate-fake.ts';
import { ProviderError } from '../../src/http/errors.ts';
import { falProvider } from '../../src/providers/fal/factory.ts';
import type { ProviderFactory } from '../../src/providers/provider.ts';
import { defaultProviderDeps } from '../../src/providers/registry.ts';
import { replicateProvider } from '../../src/providers/replicate/factory.ts';
import { runJob } from '../../src/providers/run-job.ts';

type Case = {
  id: string;
  keyName: string;
  key: string;
  start: (options: FakeServerOptions) => Promise<FakeController>;
  factory: ProviderFactory;
  model: string;
};

const CASES: Case[] = [
  {
    id: 'fal',
    keyName: 'FAL_KEY',
    key: 'falkeyid-RECOGNISABLE:1a2b3c4d5e6f',
    start: startFalFake,
    factory: falProvider,
    model: 'kling-v2.5-turbo-pro',
  },
  {
    id: 'replicate',
    keyName: 'REPLICATE_API_TOKEN',
    key: 'r8_RECOGNISABLE_TOKEN_9f8e7d6c5b',
    start: startReplicateFake,
    factory: replicateProvider,
    model: 'kwaivgi/kling-v2.6',
  },
];

describe.each(CASES)('no key ever leaves a $id session', (c) => {
  let fake: FakeController;
  let mediaDir: string;
  const outputs: string[] = [];
  const record = (label: string, value: unknown) =>
    outputs.push(`${label}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const recordError = (label: string, error: unknown) => {
    expect(error).toBeInstanceOf(ProviderError);
    if (error instanceof Error) record(`${label}`, `${error.message}\n${error.stack}\n${String(error)}`);
    if (error instanceof ProviderError) record(`${label}.json`, error.toJSON());
  };

  beforeAll(async () => {
    fake = await c.start({ stageMs: 20, credentials: { [c.keyName]: c.key } });
    mediaDir = await mkdtemp(join(tmpdir(), `clipbench-sec-${c.id}-`));
  });
  afterAll(async () => {
    await fake.stop();
    await rm(mediaDir, { recursive: true, force: true });
  });

  it('runs the session and greps every output', async () => {
    let echoKey = false;
    const base = defaultProviderDeps();
    const provider = c.factory.create(fake.config, {
      ...base,
      sleep: async () => {},
      // A hostile or buggy server that echoes the key back must not get it into our errors.
      fetch: async (url, init) => {
        if (echoKey)
          return new Response(JSON.stringify({ detail: `bad key ${c.key}`, title: c.key }), { status: 401 });
        return base.fetch(url, init);
      },
      retry: { maxAttempts: 3 },
    });
    const ctx = { jobKey: `security-${c.id}`, mediaDir, onRetry: (event: unknown) => record('retry', event) };
    const request = VideoRequestSchema.parse({
      identity: { prompt: 'a mug' },
      provider: { id: c.id, model: c.model },
    });
    fake.setFault({ kind: 'error', error: 'rate_limited', on: 'submit', times: 2, retryAfterS: 1 });
    const outcome = await runJob(provider, request, ctx, { intervalMs: 10, backoff: 1 });
    record('outcome', outcome);
    record('provider', provider);
    try {
      await runJob(
        provider,
        VideoRequestSchema.parse({ ...request, identity: { prompt: 'forbidden' } }),
        ctx,
        {
          intervalMs: 10,
          backoff: 1,
        },
      );
      throw new Error('expected a content-policy error');
    } catch (error) {
      recordError('policy', error);
    }
    echoKey = true;
    try {
      await provider.status(outcome.job, ctx);
      throw new Error('expected an auth error');
    } catch (error) {
      recordError('auth', error);
    }
    echoKey = false;

    const env = { ...fake.config };
    for (const argv of [
      ['providers', 'list', '--json'],
      ['providers', 'list'],
      ['providers', 'check', c.id, '--json'],
      ['providers', 'check', c.id],
    ]) {
      const cli = memoryContext({ env });
      const code = await main(argv, cli);
      expect({ argv, code }).toEqual({ argv, code: 0 });
      record(argv.join(' '), cli.out() + cli.err());
    }
    const bad = memoryContext({ env: { ...env, [c.keyName]: `${c.key}-wrong` } });
    expect(await main(['providers', 'check', c.id], bad)).toBe(1);
    expect(bad.out() + bad.err()).toContain('auth');
    record('bad check', bad.out() + bad.err());

    const all = outputs.join('\n');
    expect(all).toContain(c.id);
    expect(all.length).toBeGreaterThan(2000);
    expect(all).not.toContain(c.key);
    expect(all).not.toMatch(/(Key|Bearer) (falkeyid|r8_)/);
  });
});
