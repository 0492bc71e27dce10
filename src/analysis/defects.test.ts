import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../contract/analysis.ts';
import { analyzeFrames } from './analyze.ts';
import { type RenderOptions, renderClip, streamOf } from './testing/procedural.ts';

const W = 160;
const H = 96;
const FPS = 24;
const N = 36;
const cam = (x = 0, y = 0, zoom = 1, rollRad = 0) => ({ x, y, zoom, rollRad });
const base = (i: number) => ({ width: W, height: H, noise: 2, noiseSeed: i });
const pan = (i: number) => cam((i * 0.06 * W) / FPS);

async function analyse(make: (i: number) => RenderOptions, minDurationS = 0): Promise<AnalysisResult> {
  return analyzeFrames(streamOf(renderClip(N, make, FPS)), { fps: FPS }, { thresholds: { minDurationS } });
}

const codes = (r: AnalysisResult) => r.defects.map((d) => d.code);

describe('defects on in-memory clips', () => {
  it('a clean slow pan has no defects and no cuts', async () => {
    const r = await analyse((i) => ({ ...base(i), camera: pan(i) }));
    expect(r.defects).toEqual([]);
    expect(r.cuts).toEqual([]);
  });

  it('a hard cut to another scene is one cut at the first new frame', async () => {
    const r = await analyse((i) => ({ ...base(i), camera: pan(i), seed: i < 18 ? 1 : 9 }));
    expect(r.cuts.map((c) => c.frame)).toEqual([18]);
    expect(codes(r)).toEqual(['cut']);
  });

  it('a one-frame flash and an exposure ramp are neither cuts nor flicker', async () => {
    const flash = await analyse((i) => ({
      ...base(i),
      camera: pan(i),
      gain: i === 18 ? 1.6 : 1,
      offset: i === 18 ? 70 : 0,
    }));
    expect(flash.cuts).toEqual([]);
    expect(codes(flash)).not.toContain('flicker');
    // Two flashes 3 frames apart swing the luma's second difference 4 times within ½ s.
    const flashes = await analyse((i) => ({
      ...base(i),
      camera: pan(i),
      gain: i === 15 || i === 18 ? 1.6 : 1,
      offset: i === 15 || i === 18 ? 70 : 0,
    }));
    expect(codes(flashes)).not.toContain('flicker');
    const ramp = await analyse((i) => ({ ...base(i), camera: pan(i), gain: 0.75 + (i / N) * 0.4 }));
    expect(ramp.defects).toEqual([]);
  });

  it('alternating brightness is flicker over its frames', async () => {
    const r = await analyse((i) => ({
      ...base(i),
      camera: pan(i),
      offset: i >= 10 && i < 26 ? (i % 2 ? 14 : -14) : 0,
    }));
    const flicker = r.defects.find((d) => d.code === 'flicker');
    expect(flicker).toBeDefined();
    expect(flicker?.start_frame).toBeLessThanOrEqual(12);
    expect(flicker?.end_frame).toBeGreaterThanOrEqual(24);
    expect(r.cuts).toEqual([]);
  });

  it('repeated frames in a moving clip are a freeze; a still scene is not', async () => {
    const frozen = await analyse((i) => {
      const j = i >= 14 && i < 22 ? 13 : i;
      return { ...base(j), camera: pan(j) };
    });
    const freeze = frozen.defects.find((d) => d.code === 'freeze');
    expect(freeze).toMatchObject({ start_frame: 13, end_frame: 21 });
    const still = await analyse(() => ({ ...base(0), camera: cam() }));
    expect(codes(still)).not.toContain('freeze');
  });

  it('high-frequency jitter is shake; a steady fast pan is not', async () => {
    const shaky = await analyse((i) => ({
      ...base(i),
      camera: cam(Math.sin(i * 2.1) * 2.5, Math.cos(i * 2.9) * 2),
    }));
    expect(codes(shaky)).toContain('shake');
    expect(shaky.camera.move).toBe('static');
    const steady = await analyse((i) => ({ ...base(i), camera: cam((i * 0.16 * W) / FPS) }));
    expect(codes(steady)).not.toContain('shake');
  });

  it('a sudden 20 % scale step is a zoom jump, not a cut', async () => {
    const r = await analyse((i) => ({ ...base(i), camera: cam(0, 0, i < 18 ? 1 : 1.2) }));
    expect(codes(r)).toContain('zoom_jump');
    expect(r.cuts).toEqual([]);
  });

  it('black frames, under- and over-exposure', async () => {
    const black = await analyse((i) => ({ ...base(i), camera: pan(i), gain: i >= 16 && i <= 18 ? 0 : 1 }));
    expect(black.defects.find((d) => d.code === 'black_frames')).toMatchObject({
      start_frame: 16,
      end_frame: 18,
    });
    expect(black.cuts).toEqual([]);
    const dark = await analyse((i) => ({ ...base(i), camera: pan(i), gain: 0.35 }));
    expect(codes(dark)).toContain('underexposed');
    // Blown out for a stretch (gain 1.6, +80 levels): a lift from the footage before it.
    const blown = await analyse((i) => ({
      ...base(i),
      camera: pan(i),
      ...(i >= 14 && i < 26 ? { gain: 1.6, offset: 80 } : {}),
    }));
    expect(blown.defects.find((d) => d.code === 'overexposed')).toMatchObject({
      start_frame: 14,
      end_frame: 25,
    });
    // Washed out throughout: no tone below light gray (p2 > 200) in a mostly clipped picture.
    const washed = await analyse((i) => ({ ...base(i), camera: pan(i), gain: 0.6, offset: 205 }));
    expect(codes(washed)).toContain('overexposed');
  });

  it('a clip shorter than the minimum is too_short', async () => {
    const r = await analyse((i) => ({ ...base(i), camera: pan(i) }), 2);
    expect(r.defects.find((d) => d.code === 'too_short')).toMatchObject({ start_frame: 0, end_frame: N - 1 });
    expect(r.video.duration_s).toBeCloseTo(1.5, 3);
  });
});
