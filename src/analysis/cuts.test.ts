import { describe, expect, it } from 'vitest';
import { detectCuts } from './cuts.ts';
import { makeContext } from './testing/records.ts';

/** A steady clip whose pair 40 looks like a cut to another part of the same photo. */
const sameKindOfTexture = (lumaAfter: number) =>
  makeContext(80, 30, (i) =>
    i === 40
      ? { coarseNcc: 0.58, mcNcc: 0.24, bridgeNcc: 0.58, inlierRatio: 0.2, meanLuma: lumaAfter }
      : { meanLuma: i > 40 ? lumaAfter : 120 },
  );

describe('cuts', () => {
  it('a failed fine match under steady light is a cut even when the coarse view finds some likeness', () => {
    expect(detectCuts(sameKindOfTexture(121)).map((c) => c.frame)).toEqual([40]);
  });

  it('the same scores across a jump of light (an exposure step) need the full cut score', () => {
    expect(detectCuts(sameKindOfTexture(190))).toEqual([]);
  });
});
