import { MediaError, stderrReason } from './media-error.ts';
import { runTool } from './spawn.ts';
import { type MediaDeps, resolveMediaTools } from './tools.ts';

export type FfmpegRunOptions = MediaDeps & {
  signal?: AbortSignal | undefined;
  /** @default 120_000 */
  timeoutMs?: number | undefined;
};

/**
 * Runs ffmpeg with the given arguments (after `-hide_banner -nostdin -v error`) and throws
 * `media_tool_failed` with ffmpeg's reason on a non-zero exit. For fixtures, bench and one-off
 * conversions; analysis code should use `decodeFrames`.
 */
export async function runFfmpeg(
  args: readonly string[],
  options: FfmpegRunOptions = {},
): Promise<{ elapsedMs: number }> {
  const tools = resolveMediaTools(options);
  const started = performance.now();
  const result = await runTool(tools.ffmpeg, ['-hide_banner', '-nostdin', '-v', 'error', ...args], {
    spawn: options.spawn,
    signal: options.signal,
    timeoutMs: options.timeoutMs ?? 120_000,
  });
  if (result.code !== 0) {
    throw new MediaError({
      code: 'media_tool_failed',
      message: `ffmpeg exited with ${result.code ?? result.signal}`,
      reason: stderrReason(result.stderr),
    });
  }
  return { elapsedMs: performance.now() - started };
}

/** Wall time of a plain `ffmpeg -i file -f null -` decode: the yardstick the bench compares against. */
export function timeNullDecode(file: string, options: FfmpegRunOptions = {}): Promise<{ elapsedMs: number }> {
  return runFfmpeg(['-i', file, '-map', '0:v:0', '-f', 'null', '-'], options);
}

/** Renders a clip from lavfi sources (e.g. `testsrc2=size=160x90:rate=24:duration=1`), for fixtures. */
export function renderLavfiClip(
  file: string,
  spec: {
    video?: string | undefined;
    audio?: string | undefined;
    outputArgs?: readonly string[] | undefined;
  },
  options: FfmpegRunOptions = {},
): Promise<{ elapsedMs: number }> {
  const inputs = [
    ...(spec.video !== undefined ? ['-f', 'lavfi', '-i', spec.video] : []),
    ...(spec.audio !== undefined ? ['-f', 'lavfi', '-i', spec.audio] : []),
  ];
  const codec =
    spec.video !== undefined ? ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'] : [];
  return runFfmpeg(['-y', ...inputs, ...codec, ...(spec.outputArgs ?? []), '-shortest', file], options);
}
