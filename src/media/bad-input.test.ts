import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFrames } from './decode.ts';
import { runFfmpeg } from './ffmpeg-run.ts';
import { MediaError } from './media-error.ts';
import { probeVideo } from './probe.ts';
import { type FixtureDir, makeFixtureDir } from './test-fixtures.ts';

async function decodeAll(file: string): Promise<number> {
  let count = 0;
  for await (const _frame of decodeFrames(file, { format: 'gray', maxSide: 64 })) count += 1;
  return count;
}

async function expectMediaError(run: Promise<unknown>, code: string, file: string): Promise<MediaError> {
  const error = await run.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(MediaError);
  const media = error as MediaError;
  expect(media.code).toBe(code);
  expect(media.file).toBe(file);
  expect(media.exitCode).toBe(2);
  return media;
}

describe('bad input gives typed errors, never a hang', () => {
  let fx: FixtureDir;
  beforeAll(async () => {
    fx = await makeFixtureDir('media-bad');
  });
  afterAll(async () => {
    await fx.remove();
  });

  it('refuses a text file that is not a video, with ffmpeg reason', async () => {
    const file = fx.path('notes.mp4');
    await writeFile(file, 'this is not a video at all\n'.repeat(20));
    const error = await expectMediaError(probeVideo(file), 'media_decode_failed', file);
    expect(error.reason).toMatch(/Invalid data/i);
    await expectMediaError(decodeAll(file), 'media_decode_failed', file);
  });

  it('refuses an empty file', async () => {
    const file = fx.path('empty.mp4');
    await writeFile(file, '');
    const error = await expectMediaError(decodeAll(file), 'media_decode_failed', file);
    expect(error.message).toMatch(/empty/);
  });

  it('refuses a truncated mp4 without faststart (no moov atom)', async () => {
    const full = await fx.clip('full.mp4', 'testsrc2=size=160x90:rate=24:duration=2');
    const file = fx.path('truncated.mp4');
    const bytes = await readFile(full);
    await writeFile(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const error = await expectMediaError(probeVideo(file), 'media_decode_failed', file);
    expect(error.reason).toMatch(/moov atom not found/);
  });

  it('refuses a truncated faststart mp4 after the frames it could decode', async () => {
    const full = await fx.clip('fs.mp4', 'testsrc2=size=160x90:rate=24:duration=2', {
      outputArgs: ['-movflags', '+faststart'],
    });
    const file = fx.path('fs-truncated.mp4');
    const bytes = await readFile(full);
    await writeFile(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const error = await expectMediaError(decodeAll(file), 'media_decode_failed', file);
    expect(error.message).toMatch(/decoded \d+ of 48 frames/);
  });

  it('refuses a directory', async () => {
    const dir = fx.path('a-directory.mp4');
    await mkdir(dir);
    const error = await expectMediaError(probeVideo(dir), 'media_not_found', dir);
    expect(error.message).toMatch(/directory/);
  });

  it('refuses a missing path and a path through a file', async () => {
    await expectMediaError(decodeAll(fx.path('missing.mp4')), 'media_not_found', fx.path('missing.mp4'));
    const notDir = fx.path('plain.txt');
    await writeFile(notDir, 'x');
    await expectMediaError(probeVideo(`${notDir}/clip.mp4`), 'media_not_found', `${notDir}/clip.mp4`);
  });

  it('decodes a 1-frame clip as exactly one frame', async () => {
    const file = await fx.clip('one.mp4', 'testsrc2=size=160x90:rate=24', { outputArgs: ['-frames:v', '1'] });
    expect((await probeVideo(file)).frames).toBe(1);
    expect(await decodeAll(file)).toBe(1);
  });

  it('refuses a 16K-wide image before decoding it', async () => {
    const file = fx.path('huge.png');
    await runFfmpeg(['-y', '-f', 'lavfi', '-i', 'color=c=red:size=16384x16', '-frames:v', '1', file]);
    const error = await expectMediaError(probeVideo(file), 'media_unsupported', file);
    expect(error.message).toMatch(/16384x16/);
  });

  it('refuses audio-only files as having no video stream', async () => {
    const file = fx.path('tone.m4a');
    await runFfmpeg(['-y', '-f', 'lavfi', '-i', 'sine=duration=1', '-c:a', 'aac', file]);
    const error = await expectMediaError(decodeAll(file), 'media_unsupported', file);
    expect(error.message).toMatch(/audio but no video/);
  });
});
