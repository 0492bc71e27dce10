import { describe, expect, it } from 'vitest';
import { decodeFrames } from './decode.ts';
import { encodeFrames } from './encode.ts';
import { MediaError } from './media-error.ts';
import { makeFixtureDir } from './test-fixtures.ts';
import { assertMediaCapabilities, checkMediaCapabilities, findTool, resolveMediaTools } from './tools.ts';

describe('binary discovery', () => {
  it('prefers the env override, then PATH', () => {
    expect(findTool('ffmpeg', { CLIPBENCH_FFMPEG: '/usr/bin/ffmpeg', PATH: '' })).toEqual({
      path: '/usr/bin/ffmpeg',
      source: 'env',
    });
    expect(findTool('ffprobe', { PATH: '/nonexistent:/usr/bin' })).toEqual({
      path: '/usr/bin/ffprobe',
      source: 'path',
    });
  });

  it('refuses an override that points nowhere instead of silently picking another binary', () => {
    const error = (() => {
      try {
        findTool('ffmpeg', { CLIPBENCH_FFMPEG: '/nope/ffmpeg', PATH: '/usr/bin' });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(MediaError);
    expect((error as MediaError).code).toBe('media_tool_missing');
    expect((error as MediaError).exitCode).toBe(3);
  });

  it('falls back to the npm-shipped binaries when PATH has none', () => {
    const tools = resolveMediaTools({ env: { PATH: '' } });
    expect(tools.ffmpegSource).toBe('npm');
    expect(tools.ffprobeSource).toBe('npm');
    expect(tools.ffmpeg).toMatch(/@ffmpeg-installer/);
  });
});

describe('capabilities', () => {
  it('the system ffmpeg decodes h264 and encodes libx264', async () => {
    const caps = await assertMediaCapabilities({ env: { PATH: '/usr/bin' } });
    expect(caps.decodeH264).toBe(true);
    expect(caps.encodeLibx264).toBe(true);
    expect(caps.version).toMatch(/^ffmpeg version/);
  });

  it('the npm ffmpeg 4.1 build also round-trips a clip (no scdet/blurdetect needed)', async () => {
    const deps = { env: { PATH: '' } };
    const caps = await checkMediaCapabilities(deps);
    expect(caps.encodeLibx264).toBe(true);
    const fx = await makeFixtureDir('media-npm');
    try {
      const file = fx.path('npm.mp4');
      const frames = Array.from({ length: 6 }, () => new Uint8Array(64 * 36).fill(128));
      await encodeFrames(frames, { ...deps, file, width: 64, height: 36, fps: 6, pixelFormat: 'gray' });
      let count = 0;
      for await (const frame of decodeFrames(file, { ...deps, format: 'gray' })) {
        expect(frame.data.length).toBe(64 * 36);
        count += 1;
      }
      expect(count).toBe(6);
    } finally {
      await fx.remove();
    }
  });
});
