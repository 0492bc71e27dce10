import { describe, expect, it } from 'vitest';
import { classifyCamera } from './camera-move.ts';
import { makeContext } from './testing/records.ts';

const FPS = 25;

describe('camera path evidence', () => {
  it('a fit resting on a few bunched blocks (an object before a blank wall) is no camera move', () => {
    // 256×144 has a 50-block grid: 8 textured blocks whose inliers span a third of it.
    const object = makeContext(75, FPS, (i) => ({
      tx: 1.2,
      a: 0.003 * Math.sin(i / 5),
      validCount: 8,
      inlierSpan: 0.3,
    }));
    const camera = classifyCamera(object);
    expect(camera.move).toBe('static');
    expect(camera.confidence).toBeLessThan(0.5);
    // The same motion with the blocks spread over the frame is the camera's.
    const spread = makeContext(75, FPS, () => ({ tx: 1.2, validCount: 40, inlierSpan: 0.9 }));
    expect(classifyCamera(spread).move).toBe('pan_left');
  });
});
