import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeArgs, decodeFrames } from './decode.ts';
import { runFfmpeg } from './ffmpeg-run.ts';
import type { Frame } from './frame.ts';
import { targetFrameSize } from './frame-size.ts';
import { MediaError } from './media-error.ts';
import { probeVideo } from './probe.ts';
import { type FixtureDir, makeFixtureDir } from './test-fixtures.ts';

function mean(frame: Frame, channel = 0): number {
  let sum = 0;
  for (let i = channel; i < frame.data.length; i += frame.channels) sum += frame.data[i] ?? 0;
  return sum / (frame.data.length / frame.channels);
}

async function collect(iterable: AsyncIterable<Frame>): Promise<Frame[]> {
  const frames: Frame[] = [];
  for await (const frame of iterable) frames.push(frame);
  return frames;
}

describe('probeVideo', () => {
  let fx: FixtureDir;
  beforeAll(async () => {
    fx = await makeFixtureDir('media-probe');
  });
  afterAll(async () => {
    await fx.remove();
  });

  it('reports size, fps, frames, duration, codec and audio', async () => {
    const file = await fx.clip('av.mp4', 'testsrc2=size=320x180:rate=24:duration=1', {
      audio: 'sine=duration=1',
    });
    const info = await probeVideo(file);
    expect(info).toMatchObject({
      codec: 'h264',
      width: 320,
      height: 180,
      fps: 24,
      frames: 24,
      rotationDeg: 0,
    });
    expect(info.durationS).toBeCloseTo(1, 1);
    expect(info.hasAudio).toBe(true);
    expect(info.variableFrameRate).toBe(false);
  });

  it('flags variable frame rate and decodes it onto a constant grid', async () => {
    // First second at 12 fps effective, second at 24: r_frame_rate and avg_frame_rate disagree.
    const file = await fx.clip('vfr.mp4', 'testsrc2=size=160x90:rate=24:duration=2', {
      outputArgs: ['-vf', "setpts='if(lt(N,24),N*2,24+N)/24/TB'", '-vsync', 'vfr'],
    });
    const info = await probeVideo(file);
    expect(info.variableFrameRate).toBe(true);
    const frames = await collect(decodeFrames(file, { format: 'gray', probe: info }));
    expect(Math.abs(frames.length - info.durationS * info.fps)).toBeLessThanOrEqual(2);
    expect(frames[1]?.timeS).toBeCloseTo(1 / info.fps, 6);
  });
});

describe('decodeFrames', () => {
  let fx: FixtureDir;
  beforeAll(async () => {
    fx = await makeFixtureDir('media-decode');
  });
  afterAll(async () => {
    await fx.remove();
  });

  it('streams gray frames of exactly w·h bytes at the requested size', async () => {
    const file = await fx.clip('gray.mp4', 'color=c=0x808080:size=320x180:rate=24:duration=1');
    const frames = await collect(decodeFrames(file, { format: 'gray', maxSide: 160 }));
    expect(frames).toHaveLength(24);
    expect(frames[0]).toMatchObject({ index: 0, width: 160, height: 90, channels: 1 });
    expect(frames[0]?.data.length).toBe(160 * 90);
    expect(frames[23]?.timeS).toBeCloseTo(23 / 24, 6);
    expect(mean(frames[0] as Frame)).toBeGreaterThan(120);
    expect(mean(frames[0] as Frame)).toBeLessThan(136);
  });

  it('streams rgb24 with the right colours', async () => {
    const file = await fx.clip('red.mp4', 'color=c=red:size=160x90:rate=12:duration=0.5');
    const frames = await collect(decodeFrames(file, { format: 'rgb24', width: 80, height: 46 }));
    const first = frames[0] as Frame;
    expect(first.data.length).toBe(80 * 46 * 3);
    expect(mean(first, 0)).toBeGreaterThan(200);
    expect(mean(first, 1)).toBeLessThan(40);
  });

  it('applies rotation metadata (portrait display of a landscape stream)', async () => {
    const plain = await fx.clip('plain.mp4', 'testsrc2=size=160x90:rate=12:duration=0.5');
    // Only a stream copy keeps the legacy `rotate` tag; ffmpeg turns it into a display matrix.
    const file = fx.path('rot.mp4');
    await runFfmpeg(['-y', '-i', plain, '-c', 'copy', '-metadata:s:v:0', 'rotate=90', file]);
    const info = await probeVideo(file);
    expect([info.displayWidth, info.displayHeight, info.rotationDeg % 180]).toEqual([90, 160, 90]);
    const frames = await collect(decodeFrames(file, { format: 'gray', probe: info }));
    expect([frames[0]?.width, frames[0]?.height]).toEqual([90, 160]);
  });

  it('handles odd source sizes by decoding to even ones', async () => {
    const file = await fx.clip('odd.mkv', 'testsrc2=size=161x91:rate=12:duration=0.5', {
      outputArgs: ['-pix_fmt', 'yuv444p'],
    });
    const frames = await collect(decodeFrames(file, { format: 'gray' }));
    expect([frames[0]?.width, frames[0]?.height]).toEqual([160, 90]);
    expect(frames[0]?.data.length).toBe(160 * 90);
  });

  it('keeps order under back-pressure with a slow consumer', async () => {
    const file = await fx.clip('slow.mp4', 'testsrc2=size=160x90:rate=24:duration=1');
    const seen: number[] = [];
    for await (const frame of decodeFrames(file, { format: 'gray', highWaterFrames: 1 })) {
      seen.push(frame.index);
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    expect(seen).toEqual(Array.from({ length: 24 }, (_, i) => i));
  });

  it('recycles frame buffers on request, with the same bytes as fresh buffers', async () => {
    const file = await fx.clip('reuse.mp4', 'testsrc2=size=160x90:rate=24:duration=3');
    const fresh = (await collect(decodeFrames(file, { format: 'gray' }))).map((f) => Array.from(f.data));
    const copies: number[][] = [];
    const buffers = new Set<Uint8Array>();
    for await (const frame of decodeFrames(file, { format: 'gray', reuseFrameBuffers: true })) {
      copies.push(Array.from(frame.data));
      buffers.add(frame.data);
      // A slow consumer: ffmpeg runs ahead up to the high-water mark.
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(copies).toEqual(fresh);
    expect(buffers.size).toBeLessThan(fresh.length / 2);
  });

  it('stops ffmpeg when the consumer breaks early', async () => {
    const file = await fx.clip('long.mp4', 'testsrc2=size=160x90:rate=24:duration=20');
    const started = performance.now();
    let count = 0;
    for await (const _frame of decodeFrames(file, { format: 'gray' })) {
      count += 1;
      if (count === 3) break;
    }
    expect(count).toBe(3);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('rejects with the abort reason when the signal fires', async () => {
    const file = await fx.clip('abort.mp4', 'testsrc2=size=160x90:rate=24:duration=5');
    const controller = new AbortController();
    const run = (async () => {
      for await (const frame of decodeFrames(file, { format: 'gray', signal: controller.signal })) {
        if (frame.index === 1) controller.abort(new Error('stop now'));
      }
    })();
    await expect(run).rejects.toThrow('stop now');
  });

  it('times out a tool that never produces frames', async () => {
    const file = await fx.clip('stall.mp4', 'testsrc2=size=160x90:rate=24:duration=0.5');
    // A spawn that runs `sleep` instead of ffmpeg: the decoder must give up, not hang.
    const stuck = (_cmd: string, _args: readonly string[], options: object) =>
      spawn('sleep', ['30'], options);
    const probe = await probeVideo(file);
    const run = collect(
      decodeFrames(file, { format: 'gray', probe, spawn: stuck, noProgressTimeoutMs: 300 }),
    );
    const error = await run.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MediaError);
    expect((error as MediaError).code).toBe('media_timeout');
  });
});

describe('decodeArgs', () => {
  const probe = {
    file: 'a.mp4',
    codec: 'h264',
    width: 1920,
    height: 1080,
    displayWidth: 1920,
    displayHeight: 1080,
    rotationDeg: 0,
    fps: 30,
    frames: 300,
    durationS: 10,
    variableFrameRate: false,
    hasAudio: false,
  };

  it('puts skipLoopFilter before the input (a decoder option) and leaves it out by default', () => {
    const size = { width: 256, height: 144 };
    const skip = decodeArgs('a.mp4', probe, size, { format: 'gray', skipLoopFilter: 'bidir' });
    const at = skip.indexOf('-skip_loop_filter');
    expect(skip.slice(at, at + 4)).toEqual(['-skip_loop_filter', 'bidir', '-i', 'a.mp4']);
    expect(decodeArgs('a.mp4', probe, size, { format: 'gray' })).not.toContain('-skip_loop_filter');
  });
});

describe('targetFrameSize', () => {
  it('keeps aspect, never upscales with maxSide, and returns even sides', () => {
    expect(targetFrameSize(1920, 1080, { maxSide: 320 })).toEqual({ width: 320, height: 180 });
    expect(targetFrameSize(1080, 1920, { maxSide: 320 })).toEqual({ width: 180, height: 320 });
    expect(targetFrameSize(160, 90, { maxSide: 320 })).toEqual({ width: 160, height: 90 });
    expect(targetFrameSize(161, 91)).toEqual({ width: 160, height: 90 });
    expect(targetFrameSize(640, 360, { width: 101 })).toEqual({ width: 102, height: 56 });
    expect(() => targetFrameSize(640, 360, { maxSide: 0 })).toThrow(/maxSide/);
  });
});
