import { describe, expect, it } from 'vitest';
import { exposureMetric } from './exposure.ts';
import { makeContext } from './testing/records.ts';

const FPS = 25;
const codes = (make: Parameters<typeof makeContext>[2]) =>
  exposureMetric
    .run(makeContext(75, FPS, make))
    .defects.map((d) => [d.code, d.start_frame, d.end_frame] as [string, number, number]);

/** A dark scene (mean 80) lifted by gain 1.8 + 47 levels: mean 190, 15 % clipped, blacks at 70. */
const lifted = { meanLuma: 190, brightFrac: 0.15, lowLuma: 70, highLuma: 255 };
const normal = { meanLuma: 80, brightFrac: 0, lowLuma: 14, highLuma: 190 };

describe('relative exposure errors (abrupt lift or drop)', () => {
  it('reports footage abruptly lifted above what came before, though not blown in absolute terms', () => {
    expect(codes((i) => (i >= 30 && i < 50 ? lifted : normal))).toEqual([['overexposed', 30, 49]]);
  });

  it('ignores a slow exposure ramp to the same level and a one-frame flash', () => {
    const ramp = (i: number) => ({
      meanLuma: 80 + (110 * i) / 74,
      brightFrac: (0.15 * i) / 74,
      lowLuma: 14 + (56 * i) / 74,
      highLuma: 190 + (65 * i) / 74,
    });
    expect(codes(ramp)).toEqual([]);
    expect(codes((i) => (i === 30 ? lifted : normal))).toEqual([]);
  });

  it('does not call the return from an under-exposed stretch a lift', () => {
    const dark = { meanLuma: 30, brightFrac: 0, lowLuma: 4, highLuma: 80 };
    expect(codes((i) => (i >= 30 && i < 50 ? dark : normal))).toEqual([['underexposed', 30, 49]]);
  });

  it('measures a lift from a steady level: footage after flicker is not lifted above its troughs', () => {
    const bright = { meanLuma: 167, brightFrac: 0.26, lowLuma: 17, highLuma: 250 };
    const trough = { meanLuma: 125, brightFrac: 0, lowLuma: 12, highLuma: 190 };
    const peak = { meanLuma: 187, brightFrac: 0.5, lowLuma: 20, highLuma: 255 };
    const clip = (i: number) => (i >= 27 && i < 58 ? (i % 2 ? peak : trough) : bright);
    expect(codes(clip).filter(([code]) => code === 'overexposed')).toEqual([]);
  });

  it('reports footage abruptly darkened, though its highlights stay above the absolute bound', () => {
    const normal = { meanLuma: 120, darkFrac: 0.01, lowLuma: 20, highLuma: 220 };
    const dimmed = { meanLuma: 45, darkFrac: 0.2, lowLuma: 4, highLuma: 95 };
    expect(codes((i) => (i >= 30 && i < 50 ? dimmed : normal))).toEqual([['underexposed', 30, 49]]);
  });

  it('grades a drop on a bright scene by the light it lost (nothing crushed, bright tones kept)', () => {
    const white = { meanLuma: 243, brightFrac: 0.89, lowLuma: 140, highLuma: 255 };
    const dimmed = { meanLuma: 130, darkFrac: 0, brightFrac: 0, lowLuma: 75, highLuma: 140 };
    const out = exposureMetric.run(makeContext(75, FPS, (i) => (i >= 30 && i < 50 ? dimmed : white)));
    expect(out.defects.map((d) => [d.code, d.start_frame, d.end_frame])).toEqual([['underexposed', 30, 49]]);
    expect(out.defects[0]?.severity).toBeCloseTo(1 - 130 / 243, 2);
  });

  it('accepts a dark scene drifting darker (a −30 % exposure ramp) and a gain step of only 0.67', () => {
    const ramp = (i: number) => ({
      meanLuma: 60 * (1 - (0.3 * i) / 74),
      darkFrac: 0.02,
      lowLuma: 10,
      highLuma: 122 * (1 - (0.3 * i) / 74),
    });
    expect(codes(ramp)).toEqual([]);
    const step = (i: number) =>
      i >= 30 ? { meanLuma: 80, lowLuma: 10, highLuma: 150 } : { meanLuma: 120, lowLuma: 15, highLuma: 225 };
    expect(codes(step)).toEqual([]);
  });

  it('needs blown highlights or washed-out shadows, not just a brighter picture', () => {
    const brighter = { meanLuma: 120, brightFrac: 0.02, lowLuma: 30, highLuma: 230 };
    expect(codes((i) => (i >= 30 && i < 50 ? brighter : normal))).toEqual([]);
  });
});

describe('absolute over-exposure (a backstop for clips blown throughout)', () => {
  it('reports a clip washed out from start to end', () => {
    expect(codes(() => ({ meanLuma: 245, brightFrac: 0.8, lowLuma: 210, highLuma: 255 }))).toEqual([
      ['overexposed', 0, 74],
    ]);
  });

  it('accepts a bright scene with half the frame clipped (a white sky) and its shadows intact', () => {
    expect(codes(() => ({ meanLuma: 208, brightFrac: 0.5, lowLuma: 30, highLuma: 255 }))).toEqual([]);
  });

  it('accepts a product on a white sweep: three quarters clipped at mean 219, its dark tones intact', () => {
    expect(codes(() => ({ meanLuma: 219.8, brightFrac: 0.77, lowLuma: 30, highLuma: 255 }))).toEqual([]);
  });

  it('accepts a high-key scene: white cards on white, 89 % clipped, darkest tones light (p2 ≈ 140)', () => {
    expect(
      codes((i) => ({ meanLuma: 243.4, brightFrac: 0.888, lowLuma: 139 + (i % 8), highLuma: 255 })),
    ).toEqual([]);
  });
});
