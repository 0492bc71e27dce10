import { describe, expect, it } from 'vitest';
import { freezeMetric } from './freeze.ts';
import { makeContext } from './testing/records.ts';

const FPS = 25;

describe('freeze', () => {
  it('reports repeated frames inside footage that moves on both sides (a walker: MAD ≈ 0.3)', () => {
    const ctx = makeContext(75, FPS, (i) => ({ mad: i >= 30 && i < 42 ? 0.01 : i === 42 ? 6 : 0.3 }));
    const out = freezeMetric.run(ctx);
    expect(out.defects.map((d) => [d.code, d.start_frame, d.end_frame])).toEqual([['freeze', 29, 41]]);
    expect(out.metrics['freeze']).toBeGreaterThan(0.1);
  });

  it('lets the codec refine the frozen picture (a near-repeat) before the catch-up', () => {
    const mad = (i: number) =>
      i >= 30 && i < 42 ? 0.005 : i === 42 ? 0.4 : i === 43 ? 0.06 : i === 44 ? 50 : 8;
    const out = freezeMetric.run(makeContext(75, FPS, (i) => ({ mad: mad(i) })));
    expect(out.defects.map((d) => [d.code, d.start_frame, d.end_frame])).toEqual([['freeze', 29, 43]]);
  });

  it("does not call one of a codec's habitual holds a freeze (60 fps, slow walker: updates every 6 frames)", () => {
    const mad = (i: number) => (i % 6 === 0 ? (i === 30 ? 2.5 : 0.5 + (i % 5) * 0.2) : 0.06);
    expect(freezeMetric.run(makeContext(180, 60, (i) => ({ mad: mad(i) }))).defects).toEqual([]);
    // A hold far longer than the habit is a freeze.
    const frozen = (i: number) => (i >= 60 && i < 90 ? 0.01 : i === 90 ? 8 : mad(i));
    expect(freezeMetric.run(makeContext(180, 60, (i) => ({ mad: frozen(i) }))).defects).toHaveLength(1);
  });

  it('needs a tenth of a second: a 4-pair hold at 60 fps (67 ms) is invisible, the same hold at 24 fps is not', () => {
    // A still shot under an exposure ramp: the codec refreshes the drift every 4th pair (MAD 0.75)
    // with quiet pairs between, and once holds 4 pairs before a bigger refresh (MAD 0.97).
    const ramp = (i: number) =>
      i >= 141 && i <= 144 ? 0.025 : i === 145 ? 0.97 : i % 4 === 1 ? 0.76 : 0.13 + (i % 4) * 0.02;
    expect(freezeMetric.run(makeContext(180, 60, (i) => ({ mad: ramp(i) }))).defects).toEqual([]);
    expect(freezeMetric.run(makeContext(180, 24, (i) => ({ mad: ramp(i) }))).defects).toHaveLength(1);
  });

  it('needs the catch-up jump: runs of skipped frames at a steady pace are the codec, not a freeze', () => {
    const ctx = makeContext(120, 60, (i) => ({ mad: i % 4 === 0 ? 0.3 : 0.03 }));
    expect(freezeMetric.run(ctx).defects).toEqual([]);
  });

  it('does not call a quiet moment (MAD 0.2, above exact repetition) a freeze', () => {
    const ctx = makeContext(75, FPS, (i) => ({ mad: i >= 30 && i < 42 ? 0.2 : 1.2 }));
    expect(freezeMetric.run(ctx).defects).toEqual([]);
  });

  it('cannot see a freeze in a still shot, nor one at the clip start with nothing moving before it', () => {
    const still = makeContext(75, FPS, () => ({ mad: 0.01 }));
    expect(freezeMetric.run(still).defects).toEqual([]);
    const entering = makeContext(75, FPS, (i) => ({ mad: i < 12 ? 0.01 : 0.5 }));
    expect(freezeMetric.run(entering).defects).toEqual([]);
  });
});
