import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFrames } from './decode.ts';
import { encodeFrames } from './encode.ts';
import { MediaError } from './media-error.ts';
import { probeVideo } from './probe.ts';
import { type FixtureDir, makeFixtureDir } from './test-fixtures.ts';

function* ramp(width: number, height: number, count: number): Generator<Uint8Array> {
  for (let f = 0; f < count; f += 1) {
    const frame = new Uint8Array(width * height);
    frame.fill(40 + f * 10);
    yield frame;
  }
}

describe('encodeFrames', () => {
  let fx: FixtureDir;
  beforeAll(async () => {
    fx = await makeFixtureDir('media-encode');
  });
  afterAll(async () => {
    await fx.remove();
  });

  it('writes an h264 mp4 that decodes back to the same frames', async () => {
    const file = fx.path('ramp.mp4');
    const result = await encodeFrames(ramp(64, 36, 12), {
      file,
      width: 64,
      height: 36,
      fps: 12,
      pixelFormat: 'gray',
    });
    expect(result.frames).toBe(12);
    const info = await probeVideo(file);
    expect(info).toMatchObject({ codec: 'h264', width: 64, height: 36, fps: 12, frames: 12 });
    const levels: number[] = [];
    for await (const frame of decodeFrames(file, { format: 'gray', probe: info }))
      levels.push(frame.data[100] ?? 0);
    levels.forEach((level, f) => {
      expect(Math.abs(level - (40 + f * 10))).toBeLessThanOrEqual(3);
    });
  });

  it('accepts an async generator of rgb24 frames', async () => {
    const file = fx.path('rgb.mp4');
    async function* frames(): AsyncGenerator<Uint8Array> {
      for (let f = 0; f < 4; f += 1) yield new Uint8Array(32 * 18 * 3).fill(200);
    }
    const result = await encodeFrames(frames(), {
      file,
      width: 32,
      height: 18,
      fps: 8,
      crf: 30,
      preset: 'ultrafast',
    });
    expect(result.frames).toBe(4);
    expect((await probeVideo(file)).frames).toBe(4);
  });

  it('rejects odd sizes and wrong frame lengths with typed errors', async () => {
    const odd = encodeFrames([], { file: fx.path('odd.mp4'), width: 33, height: 18, fps: 8 });
    await expect(odd).rejects.toMatchObject({ code: 'media_bad_argument' });
    const short = encodeFrames([new Uint8Array(10)], {
      file: fx.path('short.mp4'),
      width: 32,
      height: 18,
      fps: 8,
    });
    const error = await short.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MediaError);
    expect((error as MediaError).message).toMatch(/expected 1728/);
  });
});
