import type { ChildProcess } from 'node:child_process';
import type { EarlyDecode } from './early-decode.ts';
import type { Frame, ProbeInfo } from './frame.ts';
import { type FrameSizeRequest, targetFrameSize } from './frame-size.ts';
import { MediaError, stderrReason } from './media-error.ts';
import { probeVideo } from './probe.ts';
import { defaultSpawn, spawnError } from './spawn.ts';
import { type MediaDeps, resolveMediaTools } from './tools.ts';

export type PixelFormat = 'gray' | 'rgb24';

export type DecodeOptions = MediaDeps &
  FrameSizeRequest & {
    /** `gray` = 1 byte per pixel (luma), `rgb24` = 3. */
    format: PixelFormat;
    /** Output frame rate; constant-rate frames are produced even from VFR input. @default probe fps */
    fps?: number | undefined;
    /** Start decoding at this time (input seek). @default 0 */
    startS?: number | undefined;
    /** Stop after this many frames. */
    maxFrames?: number | undefined;
    /** Reuse a probe result instead of running ffprobe again. */
    probe?: ProbeInfo | undefined;
    signal?: AbortSignal | undefined;
    /** Kill ffmpeg if no bytes arrive for this long while the consumer waits. @default 30_000 */
    noProgressTimeoutMs?: number | undefined;
    /** Kill ffmpeg if the whole decode takes longer than this. @default 600_000 */
    timeoutMs?: number | undefined;
    /** Frames buffered before ffmpeg's stdout is paused (back-pressure). @default 8 */
    highWaterFrames?: number | undefined;
    /**
     * Recycle each frame's `data` once the consumer asks for the next frame (so it must copy what
     * it keeps): no allocation per frame. Dead frame buffers live outside the JS heap and are freed
     * only by a garbage collection, so a consumer that makes little garbage otherwise would let
     * them pile up (tens of MB over a minute of video). @default false
     */
    reuseFrameBuffers?: boolean | undefined;
    /**
     * `bidir`: the decoder skips its in-loop deblocking filter on B-frames (ffmpeg
     * `-skip_loop_filter bidir`; H.264/HEVC, ignored by codecs without one). For the analysis only:
     * B-frames are mostly not referenced by other frames, so the change stays in that frame instead
     * of drifting along the group of pictures, and after the area downscale to the analysis size it
     * is a few hundredths of a gray level on average (src/media/README.md "Decoder shortcut").
     * @default undefined (exact decode)
     */
    skipLoopFilter?: 'bidir' | undefined;
  };

/** The ffmpeg arguments for a raw decode; pure so tests can read them. */
export function decodeArgs(
  file: string,
  probe: ProbeInfo,
  size: { width: number; height: number },
  options: Pick<DecodeOptions, 'format' | 'fps' | 'startS' | 'maxFrames' | 'skipLoopFilter'>,
): string[] {
  const downscale = size.width * size.height < probe.displayWidth * probe.displayHeight;
  const rate = options.fps ?? (probe.variableFrameRate ? probe.fps : undefined);
  return [
    '-hide_banner',
    '-nostdin',
    '-v',
    'error',
    ...(options.startS !== undefined && options.startS > 0 ? ['-ss', String(options.startS)] : []),
    // A decoder option: it must come before the input it applies to.
    ...(options.skipLoopFilter !== undefined ? ['-skip_loop_filter', options.skipLoopFilter] : []),
    '-i',
    file,
    '-map',
    '0:v:0',
    '-an',
    '-sn',
    '-dn',
    // -vsync (not -fps_mode) so the old npm ffmpeg 4.1 build works too; cfr duplicates/drops VFR frames
    // onto a regular grid, which every per-frame-pair metric assumes.
    '-vsync',
    'cfr',
    ...(rate !== undefined ? ['-r', String(rate)] : []),
    ...(options.maxFrames !== undefined ? ['-frames:v', String(options.maxFrames)] : []),
    // ffmpeg auto-rotates by display matrix before this filter, so the size is in display orientation.
    '-vf',
    `scale=${size.width}:${size.height}:flags=${downscale ? 'area' : 'bilinear'}`,
    '-pix_fmt',
    options.format,
    '-f',
    'rawvideo',
    'pipe:1',
  ];
}

/**
 * Streams decoded frames scaled in ffmpeg, one `Frame` at a time, never holding the clip in memory.
 * ffmpeg's stdout is paused while `highWaterFrames` frames wait (back-pressure); breaking out of the
 * loop or aborting kills ffmpeg. Errors: media_not_found / media_decode_failed / media_unsupported
 * (zero frames) / media_timeout / media_tool_missing.
 */
export async function* decodeFrames(
  file: string,
  options: DecodeOptions,
): AsyncGenerator<Frame, void, undefined> {
  options.signal?.throwIfAborted();
  const probe = options.probe ?? (await probeVideo(file, options));
  yield* streamFrames(file, options, probe, undefined);
}

/** The decode proper; `early` is an ffmpeg already running with this decode's arguments. */
export async function* streamFrames(
  file: string,
  options: DecodeOptions,
  probe: ProbeInfo,
  early: EarlyDecode | undefined,
): AsyncGenerator<Frame, void, undefined> {
  const size = targetFrameSize(probe.displayWidth, probe.displayHeight, options);
  const channels = options.format === 'rgb24' ? 3 : 1;
  const frameBytes = size.width * size.height * channels;
  const fps = options.fps ?? probe.fps;
  const tools = resolveMediaTools(options);
  const spawn = options.spawn ?? defaultSpawn;
  const queue = new FrameQueue(frameBytes, options.highWaterFrames ?? 8);
  let child: ChildProcess;
  try {
    child =
      early?.child ??
      spawn(tools.ffmpeg, decodeArgs(file, probe, size, options), {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
  } catch (error) {
    throw spawnError(tools.ffmpeg, error);
  }
  early?.detach();
  const watch = watchDecode(child, queue, file, probe, options, early);
  try {
    // An abort that came before the listener above was attached (e.g. while the caller held `frames`).
    options.signal?.throwIfAborted();
    for (let index = 0; ; index += 1) {
      const data = await queue.next();
      if (data === null) return;
      yield {
        index,
        timeS: (options.startS ?? 0) + index / fps,
        width: size.width,
        height: size.height,
        channels,
        data,
      };
      // The consumer asked for the next frame: it is done with this one.
      if (options.reuseFrameBuffers === true) queue.release(data);
    }
  } finally {
    watch.stop();
  }
}

/** Wires ffmpeg's streams, exit, timeouts and abort into the queue. */
function watchDecode(
  child: ChildProcess,
  queue: FrameQueue,
  file: string,
  probe: ProbeInfo,
  options: DecodeOptions,
  early?: EarlyDecode,
): { stop: () => void } {
  let stderr = '';
  let exited = false;
  const fail = (error: unknown): void => {
    queue.fail(error);
    if (!exited) child.kill('SIGKILL');
  };
  const noProgressMs = options.noProgressTimeoutMs ?? 30_000;
  const stall = setTimeout(() => {
    fail(
      new MediaError({
        code: 'media_timeout',
        message: `ffmpeg produced no frame data for ${noProgressMs} ms while decoding ${file}`,
        file,
        reason: stderrReason(stderr),
      }),
    );
  }, noProgressMs);
  const overallMs = options.timeoutMs ?? 600_000;
  const overall = setTimeout(() => {
    fail(
      new MediaError({ code: 'media_timeout', message: `decoding ${file} took over ${overallMs} ms`, file }),
    );
  }, overallMs);
  const onAbort = (): void => fail(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });

  // A paused stream is the consumer's doing, so the stall timer only runs while we wait on ffmpeg.
  queue.onPause = () => {
    child.stdout?.pause();
    clearTimeout(stall);
  };
  queue.onResume = () => {
    child.stdout?.resume();
    stall.refresh();
  };
  const onData = (chunk: Buffer): void => {
    if (!queue.paused) stall.refresh();
    queue.push(chunk);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-16_384);
  });
  child.on('error', (error) => fail(spawnError('ffmpeg', error)));
  const onClose = (code: number | null, signal: NodeJS.Signals | null): void => {
    exited = true;
    clearTimeout(stall);
    clearTimeout(overall);
    const expected = expectedFrames(probe, options);
    if (code !== 0) {
      queue.end(
        new MediaError({
          code: 'media_decode_failed',
          message: `ffmpeg could not decode ${file} (exit ${code ?? signal})`,
          file,
          reason: stderrReason(stderr),
          hint: 'the file may be corrupt or truncated',
        }),
      );
    } else if (queue.total === 0) {
      queue.end(
        new MediaError({
          code: 'media_unsupported',
          message: `${file} has a video stream but no decodable frames`,
          file,
          reason: stderrReason(stderr),
        }),
      );
    } else if (expected !== undefined && queue.total < expected * 0.9 && stderr.trim() !== '') {
      // ffmpeg exits 0 on a truncated faststart mp4 after decoding what it could; the header says more.
      queue.end(
        new MediaError({
          code: 'media_decode_failed',
          message: `${file} looks truncated or corrupt: decoded ${queue.total} of ${expected} frames`,
          file,
          reason: stderrReason(stderr),
        }),
      );
    } else {
      queue.end();
    }
  };
  child.on('close', onClose);
  if (early !== undefined) {
    // Same tick as the listeners above: nothing ffmpeg did before we took over is lost.
    stderr = early.stderr;
    for (const chunk of early.stdout) onData(chunk);
    if (early.closed !== undefined) onClose(early.closed.code, early.closed.signal);
    else if (!queue.paused) child.stdout?.resume();
  }
  return {
    stop: () => {
      clearTimeout(stall);
      clearTimeout(overall);
      options.signal?.removeEventListener('abort', onAbort);
      if (!exited) child.kill('SIGKILL');
    },
  };
}

/** Frames a complete decode should yield, or undefined when a partial decode was asked for. */
function expectedFrames(probe: ProbeInfo, options: DecodeOptions): number | undefined {
  if (options.maxFrames !== undefined || (options.startS ?? 0) > 0) return undefined;
  if (options.fps === undefined && !probe.variableFrameRate) return probe.frames;
  return Math.floor(probe.durationS * (options.fps ?? probe.fps));
}

/** Cuts a byte stream into fixed-size frames and hands them to one async consumer. */
class FrameQueue {
  readonly #frameBytes: number;
  readonly #highWater: number;
  readonly #ready: Uint8Array[] = [];
  /** Handed-out frames given back (`release`), refilled before new buffers are allocated. */
  readonly #spare: Uint8Array[] = [];
  #current: Uint8Array;
  #filled = 0;
  #done = false;
  #error: { value: unknown } | undefined;
  #endError: { value: unknown } | undefined;
  #wake: (() => void) | undefined;
  total = 0;
  paused = false;
  onPause: () => void = () => {};
  onResume: () => void = () => {};

  constructor(frameBytes: number, highWater: number) {
    this.#frameBytes = frameBytes;
    this.#highWater = Math.max(1, highWater);
    this.#current = new Uint8Array(frameBytes);
  }

  push(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(this.#frameBytes - this.#filled, chunk.length - offset);
      this.#current.set(chunk.subarray(offset, offset + take), this.#filled);
      this.#filled += take;
      offset += take;
      if (this.#filled === this.#frameBytes) {
        this.#ready.push(this.#current);
        this.total += 1;
        this.#current = this.#spare.pop() ?? new Uint8Array(this.#frameBytes);
        this.#filled = 0;
      }
    }
    if (!this.paused && this.#ready.length >= this.#highWater) {
      this.paused = true;
      this.onPause();
    }
    this.#notify();
  }

  /** Gives a handed-out frame's buffer back for reuse. */
  release(frame: Uint8Array): void {
    if (frame.length === this.#frameBytes && this.#spare.length <= this.#highWater) this.#spare.push(frame);
  }

  /** Normal end; an `error` here is raised only after every decoded frame has been handed out. */
  end(error?: unknown): void {
    this.#done = true;
    if (error !== undefined) this.#endError = { value: error };
    this.#notify();
  }

  /** Urgent failure (abort, timeout): raised before any frame still queued. */
  fail(error: unknown): void {
    this.#error ??= { value: error };
    this.#notify();
  }

  async next(): Promise<Uint8Array | null> {
    for (;;) {
      if (this.#error !== undefined) throw this.#error.value;
      const frame = this.#ready.shift();
      if (frame !== undefined) {
        if (this.paused && this.#ready.length < Math.ceil(this.#highWater / 2)) {
          this.paused = false;
          this.onResume();
        }
        return frame;
      }
      if (this.#endError !== undefined) throw this.#endError.value;
      if (this.#done) return null;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
