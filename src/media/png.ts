/**
 * Still-image output: an RGB buffer → PNG via ffmpeg (media is the only module that spawns it).
 * Used by `clipbench analyze --contact-sheet`. The raw pixels go through a temp file, so the call
 * needs no stdin plumbing and works with every ffmpeg build.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FfmpegRunOptions, runFfmpeg } from './ffmpeg-run.ts';
import { MediaError } from './media-error.ts';

/** Writes `rgb` (width·height·3 bytes, row-major) to `file` as a PNG. */
export async function encodePng(
  rgb: Uint8Array,
  width: number,
  height: number,
  file: string,
  options: FfmpegRunOptions = {},
): Promise<void> {
  if (
    !Number.isInteger(width) ||
    !Number.isInteger(height) ||
    width < 1 ||
    height < 1 ||
    rgb.length !== width * height * 3
  ) {
    throw new MediaError({
      code: 'media_bad_argument',
      message: `Expected ${width}×${height}×3 = ${width * height * 3} bytes of RGB, got ${rgb.length}`,
      file,
    });
  }
  const dir = await mkdtemp(join(tmpdir(), 'clipbench-png-'));
  try {
    const raw = join(dir, 'image.rgb');
    await writeFile(raw, rgb);
    await runFfmpeg(
      [
        '-y',
        '-f',
        'rawvideo',
        '-pix_fmt',
        'rgb24',
        '-s',
        `${width}x${height}`,
        '-i',
        raw,
        '-frames:v',
        '1',
        '-update',
        '1',
        file,
      ],
      options,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
