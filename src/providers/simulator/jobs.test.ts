import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchDirs } from '../../../test/helpers/scratch-dirs.ts';
import { VideoRequestSchema } from '../../contract/request.ts';
import type { ProviderError } from '../../http/errors.ts';
import { providerRejection, recordingSleep, testProviderDeps } from '../conformance.ts';
import { runJob } from '../run-job.ts';
import { createSimulatorProvider } from './client.ts';
import { createSimulatorControl } from './control.ts';
import { settingsFromConfig } from './settings.ts';

const scratch = scratchDirs('clipbench-simjobs-');
const deps = testProviderDeps;
const request = (options: Record<string, unknown> = {}) =>
  VideoRequestSchema.parse({
    identity: { prompt: 'a product on a turntable' },
    camera: { intent: 'slow push-in' },
    output: { duration_s: 1, fps: 12 },
    provider: { id: 'simulator', options: { render_short_side_px: 64, ...options } },
  });
const poll = { intervalMs: 10, backoff: 1, deadlineMs: 30_000 };

describe('simulator jobs', () => {
  it('survives a crash: a new process finds the task by job key, finishes and downloads it', async () => {
    const mediaDir = await scratch();
    const settings = settingsFromConfig({ CLIPBENCH_SIM_LATENCY_MS: '50' });
    const first = createSimulatorProvider({ settings, deps: deps() });
    const job = await first.submit(request(), { jobKey: 'crash-1', mediaDir });
    // "Crash": the first instance is dropped; a fresh one (fresh control, no in-memory state) resumes.
    const control = createSimulatorControl();
    const second = createSimulatorProvider({ settings, deps: deps(), control });
    const found = await second.findByJobKey({ jobKey: 'crash-1', mediaDir });
    expect(found).toMatchObject({ taskId: job.taskId, recovered: true });
    const again = await second.submit(request(), { jobKey: 'crash-1', mediaDir });
    expect(again).toMatchObject({ taskId: job.taskId, recovered: true });
    const outcome = await runJob(second, request(), { jobKey: 'crash-1', mediaDir }, poll);
    expect(outcome.job.taskId).toBe(job.taskId);
    expect(outcome.media.path.startsWith(mediaDir)).toBe(true);
    expect(control.counters.tasksCreated).toBe(0);
    // A second download of the same task returns the same content-addressed file.
    expect((await second.download(outcome.job, { jobKey: 'crash-1', mediaDir })).path).toBe(
      outcome.media.path,
    );
  });

  it('injects seeded 429s with Retry-After, honoured by the one retry function', async () => {
    const recorder = recordingSleep();
    const provider = createSimulatorProvider({
      settings: settingsFromConfig({ CLIPBENCH_SIM_RETRY_AFTER_S: '3' }),
      deps: deps({ sleep: recorder.sleep, retry: { maxAttempts: 3 } }),
    });
    const error = await providerRejection(
      provider.submit(request({ failure_rate: 1, failure_kinds: ['rate_limited'] }), {
        jobKey: 'limited',
        mediaDir: await scratch(),
      }),
    );
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: 3000, provider: 'simulator' });
    expect(recorder.delaysMs).toEqual([3000, 3000]);
  });

  it('ends a task in moderation (content_policy) without downloading anything', async () => {
    const provider = createSimulatorProvider({
      settings: settingsFromConfig({ CLIPBENCH_SIM_LATENCY_MS: '20' }),
      deps: deps(),
    });
    const error = await providerRejection(
      runJob(
        provider,
        request({ failure_rate: 1, failure_kinds: ['content_policy'] }),
        { jobKey: 'policy', mediaDir: await scratch() },
        poll,
      ),
    );
    expect(error.code).toBe('content_policy');
    expect(error.retryable).toBe(false);
  });

  it('draws the same failures on every run for the same seed (stable tests and demos)', async () => {
    const outcomes = async () => {
      const recorder = recordingSleep();
      const provider = createSimulatorProvider({
        settings: settingsFromConfig({
          CLIPBENCH_SIM_FAILURE_RATE: '0.5',
          CLIPBENCH_SIM_FAILURE_KINDS: 'rate_limited,server_error,timeout',
          CLIPBENCH_SIM_TIMEOUT_WAIT_MS: '1',
        }),
        deps: deps({ sleep: recorder.sleep, retry: { maxAttempts: 2 } }),
      });
      const mediaDir = await scratch();
      const results: string[] = [];
      for (let i = 0; i < 12; i++) {
        const r = await provider.submit(request(), { jobKey: `draw-${i}`, mediaDir }).then(
          (job) => (job.recovered ? 'recovered' : 'ok'),
          (e: ProviderError) => e.code,
        );
        results.push(r);
      }
      return results;
    };
    const first = await outcomes();
    expect(await outcomes()).toEqual(first);
    expect(new Set(first).size).toBeGreaterThan(1);
  });

  it('rate-limits task creation per minute with a Retry-After until the window frees up', async () => {
    let nowMs = 1_000_000;
    const provider = createSimulatorProvider({
      settings: settingsFromConfig({ CLIPBENCH_SIM_RATE_LIMIT_PER_MIN: '2' }),
      deps: deps({ clock: () => nowMs, retry: { maxAttempts: 1 } }),
    });
    const mediaDir = await scratch();
    await provider.submit(request(), { jobKey: 'rl-1', mediaDir });
    nowMs += 10_000;
    await provider.submit(request(), { jobKey: 'rl-2', mediaDir });
    const error = await providerRejection(provider.submit(request(), { jobKey: 'rl-3', mediaDir }));
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: 50_000 });
    // A duplicate of an existing task is not a new creation: it is answered, not limited.
    expect((await provider.submit(request(), { jobKey: 'rl-1', mediaDir })).recovered).toBe(true);
    nowMs += 50_000;
    expect((await provider.submit(request(), { jobKey: 'rl-3', mediaDir })).recovered).toBe(false);
  });

  it('rejects what it cannot run before creating a task', async () => {
    const provider = createSimulatorProvider({ settings: settingsFromConfig({}), deps: deps() });
    const mediaDir = await scratch();
    const missing = VideoRequestSchema.parse({
      identity: { prompt: 'p', reference_image: join(mediaDir, 'nope.png') },
    });
    await expect(provider.submit(missing, { jobKey: 'x', mediaDir })).rejects.toMatchObject({
      code: 'file_not_found',
      field: 'identity.reference_image',
    });
    await expect(provider.submit(request({ sweetspot: 3 }), { jobKey: 'y', mediaDir })).rejects.toMatchObject(
      {
        code: 'simulator_bad_option',
      },
    );
  });
});
