import { describe, expect, it } from 'vitest';
import type { Frame } from '../media/frame.ts';
import { analyzeFrames } from './analyze.ts';
import { type RenderOptions, renderClip, streamOf, texture } from './testing/procedural.ts';

const W = 192;
const H = 108;
const FPS = 24;
const N = 36;
const cam = (x = 0, y = 0, zoom = 1, rollRad = 0) => ({ x, y, zoom, rollRad });

async function analyse(make: (i: number) => RenderOptions) {
  return analyzeFrames(streamOf(renderClip(N, make, FPS)), { fps: FPS });
}

const base = (i: number) => ({ width: W, height: H, noise: 2, noiseSeed: i });

describe('camera move classification (sign conventions of ARCHITECTURE.md)', () => {
  it('camera turning right (content sliding left) is pan_right, medium at 8 %/s', async () => {
    const r = await analyse((i) => ({ ...base(i), camera: cam((i * 0.08 * W) / FPS) }));
    expect(r.camera.move).toBe('pan_right');
    expect(r.camera.speed).toBe('medium');
    expect(r.camera.rate).toBeCloseTo(0.08, 2);
    expect(r.defects).toEqual([]);
  });

  it('content sliding down is tilt_up; slow at 3.3 %/s', async () => {
    const r = await analyse((i) => ({ ...base(i), camera: cam(0, (-i * 0.033 * H) / FPS) }));
    expect(r.camera.move).toBe('tilt_up');
    expect(r.camera.speed).toBe('slow');
  });

  it('content growing is push_in; shrinking fast is pull_out', async () => {
    const push = await analyse((i) => ({ ...base(i), camera: cam(0, 0, Math.exp((i * 0.08) / FPS)) }));
    expect(push.camera.move).toBe('push_in');
    expect(push.camera.speed).toBe('medium');
    const pull = await analyse((i) => ({ ...base(i), camera: cam(0, 0, Math.exp((-i * 0.16) / FPS)) }));
    expect(pull.camera.move).toBe('pull_out');
    expect(pull.camera.speed).toBe('fast');
  });

  it('camera rolling clockwise (content turning counter-clockwise) is roll_cw', async () => {
    const r = await analyse((i) => ({ ...base(i), camera: cam(0, 0, 1, (((i * 5) / FPS) * Math.PI) / 180) }));
    expect(r.camera.move).toBe('roll_cw');
    expect(r.camera.speed).toBe('fast');
  });

  it('a locked camera with a subject walking across stays static', async () => {
    const r = await analyse((i) => ({
      ...base(i),
      camera: cam(),
      subject: { x: 40 + i * 3, y: 54, size: 36, seed: 5 },
    }));
    expect(r.camera.move).toBe('static');
    expect(r.camera.speed).toBeNull();
    expect(r.metrics['foreground_fraction']).toBeGreaterThan(0.02);
  });

  it('background sliding behind a subject held in frame is tracking, not a pan', async () => {
    const r = await analyse((i) => ({
      ...base(i),
      camera: cam((i * 0.1 * W) / FPS),
      subject: { x: W / 2, y: H / 2, size: 48, seed: 5 },
    }));
    expect(r.camera.move).toBe('tracking');
    expect(r.camera.modifiers).toContain('pan_right');
  });

  it('a mostly white scene (objects on a white sweep, 78 % of pixels above 240) moves and is no defect', async () => {
    // gain 4, offset −160 blows every texture value above 100 to white: dark textured "products"
    // on white, as in a product shot. Clipping that is the scene's look is not a blown stretch.
    const white = { gain: 4, offset: -160 };
    const pan = await analyse((i) => ({ ...base(i), ...white, camera: cam((i * 0.08 * W) / FPS) }));
    expect(pan.metrics['bright_fraction']).toBeGreaterThan(0.75);
    expect([pan.camera.move, pan.camera.speed]).toEqual(['pan_right', 'medium']);
    expect(pan.defects).toEqual([]);
    const push = await analyse((i) => ({
      ...base(i),
      ...white,
      camera: cam(0, 0, Math.exp((i * 0.08) / FPS)),
    }));
    expect([push.camera.move, push.camera.speed]).toEqual(['push_in', 'medium']);
    expect(push.defects).toEqual([]);
  });
});

describe('a blank wall with a walker and a sign (two compact groups of textured blocks)', () => {
  // 256×144 (the analysis size: a 10×5 grid of 24-px blocks), a plain wall at 200 with grain, a
  // small dark sign near the top-left corner that stays put, and a tall textured walker (36×90
  // px, 6–8 blocks) in the lower middle walking right at 20 px/s (0.8 px per frame). The only two
  // groups of textured blocks fit a similarity exactly: sign and walker "agree" on a zoom plus
  // a pan, and their inliers span over half the grid.
  const WW = 256;
  const WH = 144;
  const wall = (
    i: number,
    camX: number,
    signs: ReadonlyArray<readonly [number, number]>,
    walker: boolean,
  ): Frame => {
    const data = new Uint8Array(WW * WH);
    const walkerX = 100 + (i * 20) / FPS;
    for (let y = 0; y < WH; y++) {
      for (let x = 0; x < WW; x++) {
        const wx = x + camX;
        let v = 200;
        for (const [sx, sy] of signs)
          if (wx >= sx && wx < sx + 28 && y >= sy && y < sy + 20) v = 0.5 * texture(wx, y, 3) + 20;
        if (walker && x >= walkerX - 18 && x < walkerX + 18 && y >= 50 && y < 140)
          v = 0.6 * texture(x - walkerX, y, 9) + 60;
        const grain = (((x * 7919 + y * 104729 + i * 1299709) % 1000) / 1000 - 0.5) * 4;
        data[y * WW + x] = Math.max(0, Math.min(255, Math.round(v + grain)));
      }
    }
    return { index: i, timeS: i / FPS, width: WW, height: WH, channels: 1, data };
  };
  const run = (frames: Frame[]) => analyzeFrames(streamOf(frames), { fps: FPS });

  it('a locked camera is static, never a pan that follows the walker halfway', async () => {
    const r = await run(Array.from({ length: 48 }, (_, i) => wall(i, 0, [[20, 8]], true)));
    expect(r.camera.move).toBe('static');
    // No camera evidence: the walker and the sign cannot tell the camera from the subject.
    expect(r.camera.confidence).toBeLessThan(0.5);
  });

  it('three signs apart (three groups: the fit is checked) still show a pan', async () => {
    const signs = [
      [20, 8],
      [200, 20],
      [110, 110],
    ] as const;
    // The camera turns right at 0.8 px per frame: content slides left, 7.5 % of the width per second.
    const r = await run(Array.from({ length: 48 }, (_, i) => wall(i, (i * 20) / FPS, signs, false)));
    expect(r.camera.move).toBe('pan_right');
    expect(r.camera.rate).toBeCloseTo(20 / WW, 2);
  });
});
