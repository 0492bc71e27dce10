import { describe, expect, it } from 'vitest';
import type { Frame } from '../media/frame.ts';
import { analyzeFramesDetailed } from './analyze.ts';
import { renderClip } from './testing/procedural.ts';
import { noteFramesAnalysed, syntheticFrame, WARM_UP_FPS, warmUpWhile } from './warm-up.ts';

const W = 192;
const H = 108;
const FPS = 24;

/** A pan with a tracked subject: every stage (flow, misfit, spans, held cells) does real work. */
function clip(): Frame[] {
  return renderClip(
    30,
    (i) => ({
      width: W,
      height: H,
      noise: 2,
      noiseSeed: i,
      camera: { x: i * 1.7, y: i * 0.4, zoom: 1, rollRad: 0 },
      subject: { x: 90, y: 50, size: 36, seed: 5 },
    }),
    FPS,
  );
}

/** Yields each frame in a macrotask of its own, so a concurrent warm-up interleaves with it. */
async function* slowly(frames: Frame[]): AsyncGenerator<Frame> {
  for (const f of frames) {
    await new Promise((resolve) => setImmediate(resolve));
    yield f;
  }
}

describe('JIT warm-up (warm-up.ts)', () => {
  it('leaves an analysis it interleaves with unchanged to the bit', async () => {
    const frames = clip();
    const alone = await analyzeFramesDetailed(slowly(frames), { fps: FPS });
    let running = true;
    let finished = 0;
    const warm = warmUpWhile(
      () => running,
      () => {
        finished++;
      },
      45,
    );
    const together = await analyzeFramesDetailed(slowly(frames), { fps: FPS });
    running = false;
    const pushed = await warm;
    expect(pushed).toBeGreaterThan(20);
    expect(finished).toBeGreaterThanOrEqual(1);
    // toEqual treats -0 and 0 alike: compare the serialised numbers exactly as well.
    expect(together).toEqual(alone);
    const exact = (v: unknown) => JSON.stringify(v, (_k, x) => (Object.is(x, -0) ? '-0' : x));
    expect(exact(together.records)).toBe(exact(alone.records));
  });

  it('stops at the first check after busy() turns false', async () => {
    let checks = 0;
    const pushed = await warmUpWhile(
      () => ++checks <= 3,
      () => {},
      100,
    );
    expect(pushed).toBe(3);
    expect(
      await warmUpWhile(
        () => false,
        () => {},
        100,
      ),
    ).toBe(0);
  });

  it('renders a panning textured scene with a subject held on screen', () => {
    const a = new Uint8Array(256 * 144);
    const b = new Uint8Array(256 * 144);
    syntheticFrame(0, a);
    syntheticFrame(1, b);
    // The background moved (2 px right, 1 down in the scene), the subject (centre) stayed.
    expect(a.subarray(0, 100)).not.toEqual(b.subarray(0, 100));
    expect(a.subarray(256 + 2, 256 + 102)).toEqual(b.subarray(0, 100));
    expect(a.subarray(72 * 256 + 110, 72 * 256 + 146)).toEqual(b.subarray(72 * 256 + 110, 72 * 256 + 146));
    const small = new Uint8Array(64 * 36);
    syntheticFrame(0, small, 64, 36);
    expect(small.subarray(64, 128)).toEqual(a.subarray(256, 256 + 64));
    expect(WARM_UP_FPS).toBe(30);
  });

  // Last: it leaves the process warm.
  it('does nothing once the process has analysed enough frames (its JIT is warm)', async () => {
    noteFramesAnalysed(1000);
    expect(
      await warmUpWhile(
        () => true,
        () => {},
      ),
    ).toBe(0);
  });
});
