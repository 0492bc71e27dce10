import { describe, expect, it } from 'vitest';
import { VideoRequestSchema } from '../../contract/request.ts';
import { createRng } from '../../synth/rng.ts';
import { motionArtifacts, motionExcess, planSimRender, renderSize } from './render-plan.ts';
import { parseSimulatorOptions, settingsFromConfig } from './settings.ts';

const output = (over: Record<string, unknown> = {}) =>
  VideoRequestSchema.parse({ identity: { prompt: 'p' }, output: over }).output;

describe('renderSize', () => {
  it('caps 720p 16:9 to 640×360 and says so; keeps portrait and square shapes', () => {
    expect(renderSize(output(), 360)).toEqual({
      width: 640,
      height: 360,
      requestedWidth: 1280,
      requestedHeight: 720,
      capped: true,
    });
    expect(renderSize(output({ aspect: '9:16', resolution: '480p' }), 360)).toMatchObject({
      width: 360,
      height: 640,
      requestedWidth: 480,
      capped: true,
    });
    expect(renderSize(output({ aspect: '1:1', resolution: '480p' }), 720)).toMatchObject({
      width: 480,
      height: 480,
      capped: false,
    });
  });
});

describe('motion artifacts', () => {
  it('are absent at or below the sweet spot and grow in strength and span past it', () => {
    const draw = (score: number) => motionArtifacts(motionExcess(score, 4).severity, 120, 24, createRng(7));
    expect(draw(2)).toEqual([]);
    expect(draw(4)).toEqual([]);
    const mild = draw(4.5);
    const strong = draw(8);
    const span = (a: { startFrame: number; endFrame?: number | undefined }) =>
      (a.endFrame ?? a.startFrame) - a.startFrame;
    const shake = (list: typeof mild) => list.find((a) => a.kind === 'shake');
    expect(shake(strong)?.strength).toBeGreaterThan(shake(mild)?.strength ?? 1);
    expect(span(shake(strong)!)).toBeGreaterThan(span(shake(mild)!));
    expect(strong.map((a) => a.kind)).toEqual(
      expect.arrayContaining(['shake', 'subject_distortion', 'flicker']),
    );
    expect(mild.some((a) => a.kind === 'flicker')).toBe(false);
  });

  it('makes a cut or freeze likely at full severity (seeded)', () => {
    const events = Array.from({ length: 40 }, (_, seed) =>
      motionArtifacts(1, 120, 24, createRng(seed)).some((a) => a.kind === 'cut' || a.kind === 'freeze'),
    );
    const rate = events.filter(Boolean).length / events.length;
    expect(rate).toBeGreaterThan(0.7);
    expect(rate).toBeLessThan(1);
  });
});

describe('planSimRender', () => {
  const request = (over: Record<string, unknown> = {}) =>
    VideoRequestSchema.parse({
      identity: { prompt: 'a dancer' },
      camera: { intent: 'fast pan left' },
      ...over,
    });
  const base = { sceneSeed: 11, takeSeed: 5, sweetSpot: 5, renderShortSidePx: 360 };
  it('renders the asked move and speed over a procedural scene, subject walking', () => {
    const plan = planSimRender({
      ...base,
      request: request(),
      move: { move: 'pan_left', speed: 'fast', modifiers: [], stability: null },
    });
    expect(plan.spec.camera).toMatchObject({ move: 'pan_left', speed: 'fast' });
    expect(plan.spec.subject?.motion).toBe('walk');
    expect(plan.scene.source).toBe('procedural');
    expect(plan.spec.artifacts).toEqual([]);
  });
  it('holds the subject for tracking and uses a local reference image', () => {
    const plan = planSimRender({
      ...base,
      request: request({ motion: { motion_score: 9 } }),
      move: { move: 'tracking', speed: 'slow', modifiers: ['left'], stability: null },
      imageFile: '/tmp/x.png',
    });
    expect(plan.spec.subject?.motion).toBe('held');
    expect(plan.spec.camera.trackingDirection).toBe('right');
    expect(plan.spec.scene?.imageFile).toBe('/tmp/x.png');
    expect(plan.motion.severity).toBe(1);
    expect((plan.spec.artifacts ?? []).length).toBeGreaterThan(0);
  });
});

describe('settings', () => {
  it('reads env-style settings and rejects bad values and unknown options', () => {
    const s = settingsFromConfig({
      CLIPBENCH_SIM_FAILURE_RATE: '0.25',
      CLIPBENCH_SIM_FAILURE_KINDS: 'timeout,rate_limited',
    });
    expect(s).toMatchObject({ failureRate: 0.25, failureKinds: ['timeout', 'rate_limited'], latencyMs: 150 });
    expect(() => settingsFromConfig({ CLIPBENCH_SIM_FAILURE_RATE: '2' })).toThrow(/from 0 to 1/);
    expect(() => settingsFromConfig({ CLIPBENCH_SIM_FAILURE_KINDS: 'meteor' })).toThrow(
      /unknown failure kind/,
    );
    expect(parseSimulatorOptions({ sweet_spot: 6.5 })).toEqual({ sweet_spot: 6.5 });
    expect(() => parseSimulatorOptions({ sweetspot: 6 })).toThrow(/invalid simulator option/);
  });
});
