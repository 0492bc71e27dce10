import { spawn as nodeSpawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFrames } from './decode.ts';
import { runFfmpeg } from './ffmpeg-run.ts';
import type { Frame } from './frame.ts';
import { pixelsScaleSize, sizeForPixels } from './frame-size.ts';
import { MediaError } from './media-error.ts';
import { probeAndDecodeFrames } from './probe-and-decode.ts';
import type { SpawnFn } from './spawn.ts';
import { type FixtureDir, makeFixtureDir } from './test-fixtures.ts';

async function collect(iterable: AsyncIterable<Frame>): Promise<Frame[]> {
  const frames: Frame[] = [];
  for await (const frame of iterable) frames.push(frame);
  return frames;
}

/** Counts ffmpeg (not ffprobe) starts, so a test can tell the early ffmpeg was kept. */
function countingSpawn(): { spawn: SpawnFn; ffmpegStarts: () => number } {
  let starts = 0;
  return {
    spawn: (command, args, options) => {
      if (basename(command).startsWith('ffmpeg')) starts++;
      return nodeSpawn(command, args, options);
    },
    ffmpegStarts: () => starts,
  };
}

const PIXELS = 256 * 144;

describe('pixelsScaleSize', () => {
  let fx: FixtureDir;
  beforeAll(async () => {
    fx = await makeFixtureDir('media-pixels');
  });
  afterAll(async () => {
    await fx.remove();
  });

  it('makes ffmpeg pick exactly the size sizeForPixels computes', async () => {
    const sizes: Array<[number, number, number]> = [
      [640, 360, PIXELS],
      [1920, 1080, PIXELS],
      [1080, 1920, PIXELS],
      [854, 480, PIXELS],
      [1001, 563, PIXELS],
      [999, 333, PIXELS],
      [3840, 1608, PIXELS],
      [300, 200, PIXELS],
      [1280, 720, 192 * 108],
    ];
    for (const [w, h, pixels] of sizes) {
      const out = fx.path(`${w}x${h}.pgm`);
      await runFfmpeg([
        '-y',
        '-f',
        'lavfi',
        '-i',
        `color=size=${w}x${h}:duration=0.1`,
        '-frames:v',
        '1',
        '-vf',
        `scale=${pixelsScaleSize(pixels)}:flags=area`,
        '-pix_fmt',
        'gray',
        out,
      ]);
      const header = (await readFile(out)).subarray(0, 20).toString('latin1').split(/\s+/);
      const expected = sizeForPixels(w, h, pixels);
      expect([w, h, Number(header[1]), Number(header[2])]).toEqual([w, h, expected.width, expected.height]);
    }
  });

  it('refuses a non-positive pixel count', () => {
    expect(() => pixelsScaleSize(0)).toThrow(MediaError);
  });
});

describe('probeAndDecodeFrames', () => {
  let fx: FixtureDir;
  beforeAll(async () => {
    fx = await makeFixtureDir('media-probe-decode');
  });
  afterAll(async () => {
    await fx.remove();
  });

  async function same(
    file: string,
    extra: { skipLoopFilter?: 'bidir' } = {},
  ): Promise<{ starts: number; frames: number }> {
    const counter = countingSpawn();
    const { probe, frames } = await probeAndDecodeFrames(file, {
      format: 'gray',
      pixels: PIXELS,
      spawn: counter.spawn,
      ...extra,
    });
    const eager = await collect(frames);
    const size = sizeForPixels(probe.displayWidth, probe.displayHeight, PIXELS);
    const plain = await collect(decodeFrames(file, { format: 'gray', ...size, probe, ...extra }));
    expect(eager.map((f) => [f.width, f.height, f.timeS])).toEqual(
      plain.map((f) => [f.width, f.height, f.timeS]),
    );
    expect(eager.every((f, i) => Buffer.compare(f.data, plain[i]?.data ?? new Uint8Array()) === 0)).toBe(
      true,
    );
    return { starts: counter.ffmpegStarts(), frames: eager.length };
  }

  it('keeps the ffmpeg started alongside ffprobe when the probe confirms its arguments', async () => {
    const file = await fx.clip('wide.mp4', 'testsrc2=size=640x360:rate=12:duration=1');
    expect(await same(file)).toEqual({ starts: 1, frames: 12 });
  });

  it('keeps it with the decoder option skipLoopFilter (same option in both runs)', async () => {
    const file = await fx.clip('skip.mp4', 'testsrc2=size=640x360:rate=12:duration=1');
    expect(await same(file, { skipLoopFilter: 'bidir' })).toEqual({ starts: 1, frames: 12 });
  });

  it('keeps it for a rotated clip (ffmpeg scales the display size)', async () => {
    const plain = await fx.clip('plain.mp4', 'testsrc2=size=640x360:rate=12:duration=0.5');
    const file = fx.path('rot.mp4');
    await runFfmpeg(['-y', '-i', plain, '-c', 'copy', '-metadata:s:v:0', 'rotate=90', file]);
    expect(await same(file)).toEqual({ starts: 1, frames: 6 });
  });

  it('keeps every frame and the exit when ffmpeg finishes before ffprobe answers', async () => {
    const file = await fx.clip('short.mp4', 'testsrc2=size=640x360:rate=12:duration=0.5');
    // ffprobe starts 0.5 s late, so ffmpeg has written everything and exited before anyone reads.
    const slowProbe: SpawnFn = (command, args, options) =>
      basename(command).startsWith('ffprobe')
        ? nodeSpawn('/bin/sh', ['-c', 'sleep 0.5; exec "$0" "$@"', command, ...args], options)
        : nodeSpawn(command, args, options);
    const { frames } = await probeAndDecodeFrames(file, { format: 'gray', pixels: PIXELS, spawn: slowProbe });
    const got = await collect(frames);
    expect(got.map((f) => f.data.length)).toEqual(Array(6).fill(256 * 144));
  });

  it('restarts ffmpeg with the plain arguments when the guess was wrong (no downscale, VFR)', async () => {
    const small = await fx.clip('small.mp4', 'testsrc2=size=160x90:rate=12:duration=0.5');
    expect(await same(small)).toEqual({ starts: 2, frames: 6 });
    const vfr = await fx.clip('vfr.mp4', 'testsrc2=size=640x360:rate=24:duration=1', {
      outputArgs: ['-vf', "setpts='if(lt(N,12),N*2,12+N)/24/TB'", '-vsync', 'vfr'],
    });
    expect((await same(vfr)).starts).toBe(2);
  });

  it('calls onStarted once, synchronously after spawning ffmpeg and then ffprobe', async () => {
    const file = await fx.clip('started.mp4', 'testsrc2=size=640x360:rate=12:duration=0.5');
    const spawned: string[] = [];
    const seen: string[][] = [];
    const { frames } = await probeAndDecodeFrames(file, {
      format: 'gray',
      pixels: PIXELS,
      spawn: (command, args, options) => {
        spawned.push(basename(command).startsWith('ffprobe') ? 'ffprobe' : 'ffmpeg');
        return nodeSpawn(command, args, options);
      },
      onStarted: () => seen.push([...spawned]),
    });
    expect(seen).toEqual([['ffmpeg', 'ffprobe']]);
    expect((await collect(frames)).length).toBe(6);
  });

  it('reports a missing file as media_not_found before starting anything', async () => {
    const counter = countingSpawn();
    let started = false;
    const error = await probeAndDecodeFrames(fx.path('missing.mp4'), {
      format: 'gray',
      pixels: PIXELS,
      spawn: counter.spawn,
      onStarted: () => {
        started = true;
      },
    }).catch((caught: unknown) => caught);
    expect((error as MediaError).code).toBe('media_not_found');
    expect(counter.ffmpegStarts()).toBe(0);
    expect(started).toBe(false);
  });

  it('kills the early ffmpeg and reports the probe error for a non-video', async () => {
    const file = fx.path('junk.mp4');
    await runFfmpeg(['-y', '-f', 'lavfi', '-i', 'sine=duration=0.2', '-f', 'wav', file]);
    const error = await probeAndDecodeFrames(file, { format: 'gray', pixels: PIXELS }).catch(
      (caught: unknown) => caught,
    );
    expect((error as MediaError).code).toBe('media_unsupported');
  });
});
