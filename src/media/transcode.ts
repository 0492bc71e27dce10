import { rename, rm } from 'node:fs/promises';
import { type FfmpegRunOptions, runFfmpeg } from './ffmpeg-run.ts';

/**
 * Transcodes a clip to WebM/VP8 (no audio) for browsers without H.264 (some Chromium builds ship
 * without proprietary codecs). Writes a temp file and renames it, so a reader never sees half a file.
 * VP8 in realtime mode: fast enough to do on first request for the tiny clips a review shows.
 */
export async function transcodeToWebm(
  input: string,
  output: string,
  options: FfmpegRunOptions = {},
): Promise<{ file: string; elapsedMs: number }> {
  const temp = `${output}.${process.pid}.${Date.now()}.tmp.webm`;
  try {
    const { elapsedMs } = await runFfmpeg(
      [
        '-y',
        '-i',
        input,
        '-map',
        '0:v:0',
        '-an',
        '-c:v',
        'libvpx',
        '-b:v',
        '1M',
        '-crf',
        '10',
        '-deadline',
        'realtime',
        '-cpu-used',
        '8',
        '-f',
        'webm',
        temp,
      ],
      options,
    );
    await rename(temp, output);
    return { file: output, elapsedMs };
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
