import { describe, expect, it } from 'vitest';
import { blurMetric } from './blur.ts';
import { makeContext } from './testing/records.ts';

const FPS = 25;
/** A frame whose detail is `d` at both octaves (a blur softens both). */
const sharpness = (d: number) => ({ detail: d, detailCoarse: d });
const blurCodes = (make: Parameters<typeof makeContext>[2], frames = 75) =>
  blurMetric.run(makeContext(frames, FPS, make)).defects.filter((d) => d.code === 'blur');

describe('blur', () => {
  it('reports a stretch that loses its fine detail against the footage around it', () => {
    const defects = blurCodes((i) => sharpness(i >= 30 && i < 50 ? 1.15 : 2.2));
    expect(defects.map((d) => [d.start_frame, d.end_frame])).toEqual([[30, 49]]);
    expect(defects[0]?.severity).toBeGreaterThan(0.8);
  });

  it('finds a blur that starts at the clip start or lasts to its end (one side of context)', () => {
    expect(blurCodes((i) => sharpness(i < 20 ? 1.1 : 2))).toHaveLength(1);
    expect(blurCodes((i) => sharpness(i >= 50 ? 1.1 : 2))).toHaveLength(1);
  });

  it('does not call a gradual softening blur (push-in over an upscaled picture, codec easing off)', () => {
    // Detail falls steadily from 2.6 to 1.4 over 3 s: the end is under 60 % of the start, but no
    // stretch is much softer than the half second next to it.
    expect(blurCodes((i) => sharpness(2.6 - (1.2 * i) / 74))).toEqual([]);
  });

  it('does not call a dip of the finest octave alone blur (resampling softness of a small render)', () => {
    // A slow pull-out rendered at 180×320: the sub-pixel phase swings fine detail 2.1 → 1.2 while
    // the next octave holds; a real blur softens both.
    const dip = (i: number) => i >= 30 && i < 50;
    expect(blurCodes((i) => ({ detail: dip(i) ? 1.2 : 2.1, detailCoarse: 1.85 }))).toEqual([]);
    expect(
      blurCodes((i) => ({ detail: dip(i) ? 1.2 : 2.1, detailCoarse: dip(i) ? 1.4 : 1.85 })),
    ).toHaveLength(1);
  });

  it('leaves a whip pan to motion blur: the picture softens while the camera races past', () => {
    const whip = (i: number) => i >= 30 && i < 45;
    const clip = (tx: (i: number) => number) =>
      blurCodes((i) => ({ ...sharpness(whip(i) ? 1.15 : 2.2), tx: tx(i) }));
    expect(clip((i) => (whip(i) ? 12 : 1))).toEqual([]);
    // The same loss of detail on a steady pan is a blur.
    expect(clip(() => 1)).toHaveLength(1);
  });

  it('judges detail only under comparable exposure: an over-exposed stretch reads sharper', () => {
    const over = (i: number) => i >= 30 && i < 50;
    const defects = blurCodes((i) =>
      over(i)
        ? { detail: 2.4, meanLuma: 240, brightFrac: 0.7, lowLuma: 190 }
        : { detail: 1.6, meanLuma: 130, brightFrac: 0, lowLuma: 60 },
    );
    expect(defects).toEqual([]);
  });

  it('reports a clip soft throughout from its median sharpness only', () => {
    const soft = blurCodes(() => ({ detail: 1.05 }));
    expect(soft.map((d) => [d.start_frame, d.end_frame])).toEqual([[0, 74]]);
  });
});
