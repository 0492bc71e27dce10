import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { probeVideo } from '../media/probe.ts';
import { makeFixtureDir } from '../media/test-fixtures.ts';
import { prepareSynth, renderSynthClip, renderSynthFrames } from './render.ts';
import type { SynthSpec } from './spec.ts';

const W = 160;
const H = 90;

function gray(rgb: Uint8Array): Float32Array {
  const out = new Float32Array(rgb.length / 3);
  for (let i = 0; i < out.length; i += 1)
    out[i] = 0.299 * rgb[i * 3]! + 0.587 * rgb[i * 3 + 1]! + 0.114 * rgb[i * 3 + 2]!;
  return out;
}

/** SSD between `b` and `a` moved by the hypothesis "content point p goes to s·Rccw(deg)·(p−c) + c + (dx, dy)". */
function ssd(a: Float32Array, b: Float32Array, dx: number, dy: number, s = 1, deg = 0): number {
  const r = (deg * Math.PI) / 180;
  const cos = Math.cos(r);
  const sin = Math.sin(r);
  let sum = 0;
  let n = 0;
  for (let y = 20; y < H - 20; y += 1) {
    for (let x = 30; x < W - 30; x += 1) {
      // Inverse map: where in `a` did b's pixel come from?
      const u = (x - W / 2 - dx) / s;
      const v = (y - H / 2 - dy) / s;
      const ax = Math.round(u * cos - v * sin + W / 2);
      const ay = Math.round(u * sin + v * cos + H / 2);
      if (ax < 0 || ay < 0 || ax >= W || ay >= H) continue;
      const d = a[ay * W + ax]! - b[y * W + x]!;
      sum += d * d;
      n += 1;
    }
  }
  return sum / Math.max(1, n);
}

async function frames(spec: Partial<SynthSpec> & Pick<SynthSpec, 'camera'>): Promise<Float32Array[]> {
  const plan = await prepareSynth({
    seed: 3,
    width: W,
    height: H,
    fps: 10,
    durationS: 1,
    scene: { grain: 0 },
    ...spec,
  });
  return [...renderSynthFrames(plan)].map(gray);
}

function bestShift(a: Float32Array, b: Float32Array): [number, number] {
  let best: [number, number] = [0, 0];
  let bestCost = Number.POSITIVE_INFINITY;
  for (let dy = -12; dy <= 12; dy += 1) {
    for (let dx = -12; dx <= 12; dx += 1) {
      const cost = ssd(a, b, dx, dy);
      if (cost < bestCost) {
        bestCost = cost;
        best = [dx, dy];
      }
    }
  }
  return best;
}

describe('synth sign conventions (ARCHITECTURE.md)', () => {
  it('pan_right slides content left, pan_left right, at rate × width per second', async () => {
    const right = await frames({ camera: { move: 'pan_right', rate: 0.1 } });
    // 0.1 × 160 px/s × 0.5 s = 8 px.
    expect(bestShift(right[0]!, right[5]!)).toEqual([-8, 0]);
    const left = await frames({ camera: { move: 'pan_left', rate: 0.1 } });
    expect(bestShift(left[0]!, left[5]!)).toEqual([8, 0]);
  });

  it('tilt_up slides content down, tilt_down up', async () => {
    const up = await frames({ camera: { move: 'tilt_up', rate: 0.2 } });
    expect(bestShift(up[0]!, up[5]!)).toEqual([0, 9]);
    const down = await frames({ camera: { move: 'tilt_down', rate: 0.2 } });
    expect(bestShift(down[0]!, down[5]!)).toEqual([0, -9]);
  });

  it('push_in grows content, pull_out shrinks it', async () => {
    const push = await frames({ camera: { move: 'push_in', rate: 0.4 } });
    const grow = Math.exp(0.4 * 0.5);
    expect(ssd(push[0]!, push[5]!, 0, 0, grow)).toBeLessThan(ssd(push[0]!, push[5]!, 0, 0, 1 / grow));
    expect(ssd(push[0]!, push[5]!, 0, 0, grow)).toBeLessThan(ssd(push[0]!, push[5]!, 0, 0, 1));
    const pull = await frames({ camera: { move: 'pull_out', rate: 0.4 } });
    expect(ssd(pull[0]!, pull[5]!, 0, 0, 1 / grow)).toBeLessThan(ssd(pull[0]!, pull[5]!, 0, 0, grow));
  });

  it('roll_cw turns content counter-clockwise on screen', async () => {
    const roll = await frames({ camera: { move: 'roll_cw', rate: 10 } });
    // In ssd(), a positive angle is a counter-clockwise turn on screen (y points down).
    const ccw = ssd(roll[0]!, roll[5]!, 0, 0, 1, 5);
    expect(ccw).toBeLessThan(ssd(roll[0]!, roll[5]!, 0, 0, 1, -5));
    expect(ccw).toBeLessThan(ssd(roll[0]!, roll[5]!, 0, 0, 1, 0));
  });

  it('tracking slides the background while a held subject stays put', async () => {
    const plan = await prepareSynth({
      seed: 4,
      width: W,
      height: H,
      fps: 10,
      durationS: 1,
      scene: { grain: 0 },
      camera: { move: 'tracking', rate: 0.1, trackingDirection: 'left' },
      subject: { size: 0.4, motion: 'held', start: { x: 0.15, y: 0.5 } },
    });
    const out = [...renderSynthFrames(plan)].map(gray);
    expect(bestShift(out[0]!, out[5]!)).toEqual([-8, 0]);
    // The subject's pixels barely change (only its gentle bob); the background beside it does.
    const change = (x0: number, x1: number, y0: number, y1: number) => {
      let diff = 0;
      for (let y = y0; y < y1; y += 1)
        for (let x = x0; x < x1; x += 1) diff += Math.abs(out[0]![y * W + x]! - out[5]![y * W + x]!);
      return diff / ((x1 - x0) * (y1 - y0));
    };
    const subject = change(21, 27, 40, 50);
    expect(subject).toBeLessThan(12);
    expect(change(60, 150, 5, 85)).toBeGreaterThan(subject * 2);
  });
});

describe('synth artifacts and truth', () => {
  it('is deterministic: same spec, same bytes', async () => {
    const spec: SynthSpec = {
      seed: 9,
      width: W,
      height: H,
      fps: 8,
      durationS: 1,
      camera: { move: 'pan_left', speed: 'slow' },
      subject: { size: 0.3, motion: 'walk', speed: 0.1 },
      artifacts: [{ kind: 'shake', startFrame: 2, endFrame: 6, strength: 0.5 }],
    };
    const digest = async () => {
      const hash = createHash('sha256');
      for (const frame of renderSynthFrames(await prepareSynth(spec))) hash.update(frame);
      return hash.digest('hex');
    };
    expect(await digest()).toBe(await digest());
  });

  it('freezes, blackens and flashes exactly the frames the truth says', async () => {
    const plan = await prepareSynth({
      seed: 5,
      width: W,
      height: H,
      fps: 10,
      durationS: 2,
      camera: { move: 'pan_right', speed: 'fast' },
      artifacts: [
        { kind: 'freeze', startFrame: 4, endFrame: 7, strength: 1 },
        { kind: 'black_frames', startFrame: 10, endFrame: 11, strength: 1 },
        { kind: 'flash', startFrame: 15, strength: 1 },
        { kind: 'cut', startFrame: 17, strength: 1 },
      ],
    });
    const out = [...renderSynthFrames(plan)];
    const mean = (f: Uint8Array) => f.reduce((sum, v) => sum + v, 0) / f.length;
    expect(Buffer.compare(out[3]!, out[4]!)).toBe(0);
    expect(Buffer.compare(out[3]!, out[7]!)).toBe(0);
    expect(Buffer.compare(out[7]!, out[8]!)).not.toBe(0);
    expect(mean(out[10]!)).toBeLessThan(12);
    expect(mean(out[15]!)).toBeGreaterThan(mean(out[14]!) + 40);
    expect(plan.truth.cuts).toEqual([17]);
    expect(plan.truth.defects.map((d) => [d.code, d.startFrame, d.endFrame])).toEqual([
      ['freeze', 4, 7],
      ['black_frames', 10, 11],
      ['cut', 17, 17],
    ]);
    expect(plan.truth.nuisances.map((n) => n.kind)).toEqual(['flash']);
    expect(plan.truth.camera).toMatchObject({ move: 'pan_right', speed: 'fast' });
    expect(plan.truth.camera.rate).toBeCloseTo(0.16, 9);
  });

  it('renders an mp4 whose probe matches the truth', async () => {
    const fx = await makeFixtureDir('synth');
    try {
      const file = fx.path('clip.mp4');
      const truth = await renderSynthClip(
        {
          seed: 1,
          width: 96,
          height: 160,
          fps: 12,
          durationS: 1,
          camera: { move: 'tilt_up', speed: 'slow' },
        },
        file,
      );
      const info = await probeVideo(file);
      expect(info).toMatchObject({ width: 96, height: 160, fps: 12, frames: truth.frames });
      expect(truth.frames).toBe(12);
      expect(truth.camera.speed).toBe('slow');
    } finally {
      await fx.remove();
    }
  });

  it('rejects impossible specs with a typed input error', async () => {
    await expect(
      prepareSynth({ seed: 1, width: 161, height: 90, fps: 10, durationS: 1, camera: { move: 'static' } }),
    ).rejects.toMatchObject({
      code: 'synth_bad_spec',
    });
  });
});
