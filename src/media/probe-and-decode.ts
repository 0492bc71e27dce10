/**
 * @module media/probe-and-decode — ffprobe and ffmpeg started together, so their start-ups overlap.
 */

import { type DecodeOptions, decodeArgs, streamFrames } from './decode.ts';
import { type EarlyDecode, recordEarly } from './early-decode.ts';
import type { Frame, ProbeInfo } from './frame.ts';
import { pixelsScaleSize, sizeForPixels } from './frame-size.ts';
import { assertReadableFile, MAX_VIDEO_SIDE_PX, probeCheckedFile } from './probe.ts';
import { defaultSpawn } from './spawn.ts';
import { type MediaDeps, resolveMediaTools } from './tools.ts';

export type ProbeAndDecodeOptions = MediaDeps &
  Pick<
    DecodeOptions,
    | 'format'
    | 'signal'
    | 'noProgressTimeoutMs'
    | 'timeoutMs'
    | 'highWaterFrames'
    | 'reuseFrameBuffers'
    | 'skipLoopFilter'
  > & {
    /** Frame size: about this many pixels, aspect kept, even sides ≥ 16 (`sizeForPixels`). */
    pixels: number;
    /**
     * Called once ffmpeg and ffprobe have both been spawned (not when the file check fails first):
     * from then on the caller only waits, and may use the main thread without delaying either.
     */
    onStarted?: (() => void) | undefined;
  };

/** Stands in for the probe while ffmpeg's arguments are built before ffprobe answers. */
const ASSUMED_PROBE: ProbeInfo = {
  file: '',
  codec: '',
  width: MAX_VIDEO_SIDE_PX,
  height: MAX_VIDEO_SIDE_PX,
  displayWidth: MAX_VIDEO_SIDE_PX,
  displayHeight: MAX_VIDEO_SIDE_PX,
  rotationDeg: 0,
  fps: 25,
  frames: 1,
  durationS: 1,
  variableFrameRate: false,
  hasAudio: false,
};

function withScale(args: string[], filter: string): string[] {
  return args.map((arg, i) => (args[i - 1] === '-vf' ? filter : arg));
}

/**
 * ffprobe and the decode at about `pixels` pixels with ffmpeg started alongside ffprobe instead of
 * after it (their start-ups overlap). ffmpeg gets the size as a scale expression and assumes the
 * usual case (constant frame rate, a downscale); once the probe is in, its arguments must equal
 * what `decodeFrames` would have run for that probe with the expression in place of the numbers,
 * or it is killed and started again with those — so the frames are the same bytes either way.
 * The caller must iterate (or `return()`) `frames`: that is what ends ffmpeg.
 */
export async function probeAndDecodeFrames(
  file: string,
  options: ProbeAndDecodeOptions,
): Promise<{ probe: ProbeInfo; frames: AsyncGenerator<Frame, void, undefined> }> {
  options.signal?.throwIfAborted();
  await assertReadableFile(file);
  const tools = resolveMediaTools(options);
  const spawn = options.spawn ?? defaultSpawn;
  const expression = `scale=${pixelsScaleSize(options.pixels)}:flags=area`;
  const earlyArgs = withScale(decodeArgs(file, ASSUMED_PROBE, { width: 2, height: 2 }, options), expression);
  let early: EarlyDecode | undefined;
  try {
    early = recordEarly(spawn(tools.ffmpeg, earlyArgs, { stdio: ['ignore', 'pipe', 'pipe'] }));
  } catch {
    early = undefined;
  }
  let probe: ProbeInfo;
  try {
    // Not `options` itself: its timeoutMs is the decode's, not ffprobe's. The file was checked above
    // (one stat, not two, before ffprobe starts).
    const probing = probeCheckedFile(file, {
      env: options.env,
      spawn: options.spawn,
      tools: options.tools,
      signal: options.signal,
    });
    options.onStarted?.();
    probe = await probing;
  } catch (error) {
    early?.child.kill('SIGKILL');
    throw error;
  }
  const size = sizeForPixels(probe.displayWidth, probe.displayHeight, options.pixels);
  const decodeOptions: DecodeOptions = { ...options, width: size.width, height: size.height, probe };
  const exact = decodeArgs(file, probe, size, options);
  const literal = `scale=${size.width}:${size.height}:flags=area`;
  const same =
    exact.includes(literal) &&
    withScale(exact, expression).every((arg, i) => arg === earlyArgs[i]) &&
    exact.length === earlyArgs.length;
  if (early !== undefined && (!same || early.failed)) {
    early.child.kill('SIGKILL');
    early = undefined;
  }
  return { probe, frames: streamFrames(file, decodeOptions, probe, early) };
}
