import type { ChildProcess } from 'node:child_process';
import { MediaError, stderrReason } from './media-error.ts';
import { defaultSpawn, spawnError } from './spawn.ts';
import { type MediaDeps, resolveMediaTools } from './tools.ts';

export type EncodeOptions = MediaDeps & {
  /** Output path (.mp4); overwritten. */
  file: string;
  /** Even sizes only: yuv420p has 2×2 chroma. */
  width: number;
  height: number;
  fps: number;
  /** Layout of the raw buffers given. @default 'rgb24' */
  pixelFormat?: 'rgb24' | 'gray' | undefined;
  /** libx264 quality, 0 (lossless) to 51 (worst). @default 18 */
  crf?: number | undefined;
  /** libx264 preset. @default 'veryfast' */
  preset?: string | undefined;
  signal?: AbortSignal | undefined;
  /** @default 300_000 */
  timeoutMs?: number | undefined;
};

export type EncodeResult = { file: string; frames: number; elapsedMs: number };

type RawFrames = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

function checkInt(name: string, value: number, min: number, max: number): void {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new MediaError({
      code: 'media_bad_argument',
      message: `Expected \`${name}\` to be a number from ${min} to ${max}, got \`${value}\` (${typeof value})`,
    });
  }
}

/** The ffmpeg arguments for a rawvideo → H.264 encode; pure so tests can read them. */
export function encodeArgs(options: EncodeOptions): string[] {
  return [
    '-hide_banner',
    '-v',
    'error',
    '-y',
    '-f',
    'rawvideo',
    '-pix_fmt',
    options.pixelFormat ?? 'rgb24',
    '-s',
    `${options.width}x${options.height}`,
    '-r',
    String(options.fps),
    '-i',
    'pipe:0',
    '-an',
    '-c:v',
    'libx264',
    '-preset',
    options.preset ?? 'veryfast',
    '-crf',
    String(options.crf ?? 18),
    '-pix_fmt',
    'yuv420p',
    '-movflags',
    '+faststart',
    options.file,
  ];
}

/**
 * Pipes raw frames (rgb24 or gray, exactly width·height·channels bytes each) into libx264 and
 * writes an mp4 (yuv420p, +faststart). Honours stdin back-pressure, so a generator renders only as
 * fast as x264 consumes. Used by the synth renderer, the simulator and tests.
 */
export async function encodeFrames(frames: RawFrames, options: EncodeOptions): Promise<EncodeResult> {
  checkInt('width', options.width, 2, 8192);
  checkInt('height', options.height, 2, 8192);
  checkInt('fps', options.fps, 1, 240);
  if (options.width % 2 !== 0 || options.height % 2 !== 0) {
    throw new MediaError({
      code: 'media_bad_argument',
      message: `Expected even \`width\` and \`height\` for yuv420p, got ${options.width}x${options.height}`,
    });
  }
  const frameBytes = options.width * options.height * (options.pixelFormat === 'gray' ? 1 : 3);
  const started = performance.now();
  const tools = resolveMediaTools(options);
  const spawn = options.spawn ?? defaultSpawn;
  let child: ChildProcess;
  try {
    child = spawn(tools.ffmpeg, encodeArgs(options), { stdio: ['pipe', 'ignore', 'pipe'] });
  } catch (error) {
    throw spawnError(tools.ffmpeg, error);
  }
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-16_384);
  });
  const exit = new Promise<number | null>((resolve, reject) => {
    child.on('error', (error) => reject(spawnError(tools.ffmpeg, error)));
    child.on('close', (code) => resolve(code));
  });
  // If ffmpeg dies early, writes fail with EPIPE; the exit status below carries the real reason.
  child.stdin?.on('error', () => {});
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 300_000);
  const onAbort = (): void => {
    child.kill('SIGKILL');
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let count = 0;
  try {
    for await (const frame of frames) {
      options.signal?.throwIfAborted();
      if (frame.length !== frameBytes) {
        throw new MediaError({
          code: 'media_bad_argument',
          message: `frame ${count} has ${frame.length} bytes, expected ${frameBytes}`,
          file: options.file,
        });
      }
      const stdin = child.stdin;
      if (stdin === null || stdin.destroyed || child.exitCode !== null) break;
      if (!stdin.write(frame)) await waitDrain(child);
      count += 1;
    }
    child.stdin?.end();
    const code = await exit;
    options.signal?.throwIfAborted();
    if (code !== 0 || count === 0) {
      throw new MediaError({
        code: 'media_tool_failed',
        message:
          count === 0
            ? `no frames to encode into ${options.file}`
            : `ffmpeg failed to encode ${options.file}`,
        file: options.file,
        reason: stderrReason(stderr),
      });
    }
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
  return { file: options.file, frames: count, elapsedMs: performance.now() - started };
}

function waitDrain(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      child.stdin?.off('drain', done);
      child.off('close', done);
      resolve();
    };
    child.stdin?.once('drain', done);
    child.once('close', done);
  });
}
