import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchDirs } from '../../../test/helpers/scratch-dirs.ts';
import { analyzeFile } from '../../analysis/analyze.ts';
import { type VideoRequestInput, VideoRequestSchema } from '../../contract/request.ts';
import { testProviderDeps } from '../conformance.ts';
import { runJob } from '../run-job.ts';
import { createSimulatorProvider } from './client.ts';
import { settingsFromConfig } from './settings.ts';
import type { SimulatedSidecar } from './sidecar.ts';

const scratch = scratchDirs('clipbench-sim-');
const deps = testProviderDeps;

/** 320×180 (480p capped to a 180 short side), 12 fps: tiny but enough for the analyser. */
const request = (over: Partial<VideoRequestInput> = {}, options: Record<string, unknown> = {}) =>
  VideoRequestSchema.parse({
    identity: { prompt: 'a dancer on a rooftop' },
    camera: { intent: 'slow pan right' },
    output: { duration_s: 2, fps: 12, resolution: '480p' },
    provider: { id: 'simulator', options: { render_short_side_px: 180, ...options } },
    ...over,
  });

const fast = { CLIPBENCH_SIM_LATENCY_MS: '20' };
const poll = { intervalMs: 10, backoff: 1, deadlineMs: 30_000 };

describe('simulator provider', () => {
  it('is deterministic: same request + job key ⇒ identical clip bytes, from fresh processes', async () => {
    const req = request({ motion: { motion_score: 8 } }, { sweet_spot: 4 });
    const outcomes = [];
    for (let i = 0; i < 2; i++) {
      const provider = createSimulatorProvider({ settings: settingsFromConfig(fast), deps: deps() });
      outcomes.push(
        await runJob(provider, req, { jobKey: 'job-determinism', mediaDir: await scratch() }, poll),
      );
    }
    const [a, b] = outcomes as [(typeof outcomes)[0], (typeof outcomes)[0]];
    expect(a.media.contentHash).toBe(b.media.contentHash);
    expect(Buffer.compare(await readFile(a.media.path), await readFile(b.media.path))).toBe(0);
    expect(a.media.simulated).toBe(true);
    // Another take (job key) of the same request differs; a pinned seed brings it back.
    const other = createSimulatorProvider({ settings: settingsFromConfig(fast), deps: deps() });
    const mediaDir = await scratch();
    const c = await runJob(other, req, { jobKey: 'job-other-take', mediaDir }, poll);
    expect(c.media.contentHash).not.toBe(a.media.contentHash);
    const pinned = request({ motion: { motion_score: 8 } }, { sweet_spot: 4, seed: 42 });
    const p1 = await runJob(other, pinned, { jobKey: 'pin-1', mediaDir }, poll);
    const p2 = await runJob(other, pinned, { jobKey: 'pin-2', mediaDir }, poll);
    expect(p1.media.contentHash).toBe(p2.media.contentHash);
  });

  it('labels every clip simulated, with a sidecar of ground truth', async () => {
    const provider = createSimulatorProvider({ settings: settingsFromConfig(fast), deps: deps() });
    const mediaDir = await scratch();
    const out = await runJob(
      provider,
      request({ motion: { motion_score: 9 } }, { sweet_spot: 4 }),
      { jobKey: 'side', mediaDir },
      poll,
    );
    const sidecar = JSON.parse(
      await readFile(join(mediaDir, `${out.media.contentHash}.simulated.json`), 'utf8'),
    ) as SimulatedSidecar;
    expect(sidecar).toMatchObject({
      simulated: true,
      label: 'clipbench simulated',
      contentHash: out.media.contentHash,
    });
    expect(sidecar.truth.camera).toMatchObject({ move: 'pan_right', speed: 'slow' });
    expect(sidecar.render).toMatchObject({ width: 320, height: 180, requestedWidth: 854, capped: true });
    expect(sidecar.injected.length).toBeGreaterThan(0);
    expect(out.status.cost).toEqual(expect.objectContaining({ basis: 'simulated', amountUsd: 0.04 }));
  });

  it('grows artifacts with motion_score past the sweet spot (analysed)', async () => {
    const provider = createSimulatorProvider({ settings: settingsFromConfig(fast), deps: deps() });
    const mediaDir = await scratch();
    const clip = async (score: number) => {
      const out = await runJob(
        provider,
        request({ motion: { motion_score: score } }, { sweet_spot: 4, seed: 3 }),
        { jobKey: `growth-${score}`, mediaDir },
        poll,
      );
      return analyzeFile(out.media.path);
    };
    const [low, high] = [await clip(2), await clip(10)];
    const defects = (r: typeof low) => r.defects.filter((d) => d.code !== 'too_short');
    const badness = (r: typeof low) => defects(r).reduce((sum, d) => sum + d.severity, 0);
    const seen = `low: ${JSON.stringify(defects(low))} high: ${JSON.stringify(defects(high))}`;
    expect(badness(high), seen).toBeGreaterThan(badness(low) + 0.5);
    expect(defects(high).length, seen).toBeGreaterThan(defects(low).length);
    expect(high.metrics['subject_consistency'] ?? 1).toBeLessThan(low.metrics['subject_consistency'] ?? 1);
    expect(low.camera.move, JSON.stringify(low.camera)).toBe('pan_right');
  });
});
