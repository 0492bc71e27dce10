import { describe, expect, it } from 'vitest';
import type { Frame } from '../media/frame.ts';
import { ingestGrayFrame } from './frame-ingest.ts';
import { frameStats, HIST_BINS, meanAbsDiff } from './frame-stats.ts';
import { buildPyramid, createGray, frameToGray } from './image.ts';

function randomFrame(width: number, height: number, seed: number): Frame {
  const data = new Uint8Array(width * height);
  let s = seed;
  for (let i = 0; i < data.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    // Smooth-ish content with runs of equal values and both clipped ends.
    data[i] = Math.max(0, Math.min(255, ((i % width) * 3 + (s >>> 24) - 40) | 0));
  }
  return { index: 0, timeS: 0, width, height, channels: 1, data };
}

describe('ingestGrayFrame', () => {
  it.each([
    [256, 144],
    [33, 17],
    [16, 16],
  ])('equals frameToGray + buildPyramid + frameStats + meanAbsDiff to the bit (%i×%i)', (w, h) => {
    const prev = randomFrame(w, h, 1);
    const cur = randomFrame(w, h, 2);
    const l0 = createGray(w, h);
    const l1 = createGray(w >> 1, h >> 1);
    const l2 = createGray(w >> 2, h >> 2);
    const hist = new Float64Array(HIST_BINS);
    const got = ingestGrayFrame(cur, l0, l1, l2, prev.data, hist);
    const pyr = buildPyramid(frameToGray(cur), 3);
    const refHist = new Float64Array(HIST_BINS);
    expect(got.stats).toEqual(frameStats(pyr[0] as never, pyr[1] as never, refHist, pyr[2] as never));
    expect(got.mad).toBe(meanAbsDiff(frameToGray(prev), pyr[0] as never));
    expect(hist).toEqual(refHist);
    expect(l0.data).toEqual(pyr[0]?.data);
    expect(l1.data).toEqual(pyr[1]?.data);
    expect(l2.data).toEqual(pyr[2]?.data);
    expect(ingestGrayFrame(cur, l0, l1, l2, undefined, hist).mad).toBe(0);
  });
});
