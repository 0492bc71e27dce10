import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import type { ProbeInfo } from './frame.ts';
import { MediaError, stderrReason } from './media-error.ts';
import { runTool } from './spawn.ts';
import { type MediaDeps, resolveMediaTools } from './tools.ts';

/** Largest side we accept. 8K (7680) passes; 16K (15360) is refused before any decode. */
export const MAX_VIDEO_SIDE_PX = 8192;

export type ProbeOptions = MediaDeps & {
  signal?: AbortSignal | undefined;
  /** @default 30_000 */
  timeoutMs?: number | undefined;
};

/** Checks the path before any tool runs, so users get "not found"/"directory"/"empty" in plain words. */
export async function assertReadableFile(file: string): Promise<void> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(file);
    await access(file, constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new MediaError({
      code: 'media_not_found',
      message:
        code === 'EACCES' ? `cannot read ${file} (permission denied)` : `video file not found: ${file}`,
      file,
      hint: 'check the path',
      cause: error,
    });
  }
  if (info.isDirectory()) {
    throw new MediaError({
      code: 'media_not_found',
      message: `${file} is a directory, not a video file`,
      file,
      hint: 'pass a video file (or a glob that matches files)',
    });
  }
  if (info.size === 0) {
    throw new MediaError({ code: 'media_decode_failed', message: `${file} is empty (0 bytes)`, file });
  }
}

/** Runs ffprobe on a file and returns its video facts; typed errors for every bad input. */
export async function probeVideo(file: string, options: ProbeOptions = {}): Promise<ProbeInfo> {
  await assertReadableFile(file);
  return probeCheckedFile(file, options);
}

/**
 * `probeVideo` for a file that already passed `assertReadableFile`: ffprobe is spawned within this
 * call (before its first await), so a caller knows both tools are running when it returns.
 */
export async function probeCheckedFile(file: string, options: ProbeOptions = {}): Promise<ProbeInfo> {
  const tools = resolveMediaTools(options);
  const args = ['-v', 'error', '-print_format', 'json', '-show_streams', '-show_format', '--', file];
  const result = await runTool(tools.ffprobe, args, {
    spawn: options.spawn,
    timeoutMs: options.timeoutMs ?? 30_000,
    signal: options.signal,
  });
  if (result.code !== 0) {
    throw new MediaError({
      code: 'media_decode_failed',
      message: `${file} is not a readable video`,
      file,
      reason: stderrReason(result.stderr),
      hint: 'the file may be corrupt, truncated or not a video at all',
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(result.stdout);
  } catch (error) {
    throw new MediaError({
      code: 'media_tool_failed',
      message: 'ffprobe printed invalid JSON',
      file,
      cause: error,
    });
  }
  return parseProbeJson(json, file);
}

type RawStream = Record<string, unknown>;

function num(value: unknown): number | undefined {
  const parsed = typeof value === 'string' ? Number(value) : typeof value === 'number' ? value : Number.NaN;
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** Parses ffprobe's "30000/1001" rationals; 0/0 and junk give undefined. */
export function parseRate(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const [n, d] = value.split('/').map(Number);
  if (n === undefined || !Number.isFinite(n) || n <= 0) return undefined;
  const rate = d === undefined ? n : n / d;
  return Number.isFinite(rate) && rate > 0 ? rate : undefined;
}

/** Rotation from the display matrix side data (ffmpeg ≥ 5) or the legacy `rotate` tag. */
function rotationOf(stream: RawStream): number {
  const sideData = Array.isArray(stream['side_data_list']) ? (stream['side_data_list'] as RawStream[]) : [];
  const fromSide = sideData.map((entry) => num(entry['rotation'])).find((value) => value !== undefined);
  const tags = (stream['tags'] ?? {}) as RawStream;
  const raw = fromSide ?? num(tags['rotate']) ?? 0;
  return ((Math.round(raw) % 360) + 360) % 360;
}

/** Pure: ffprobe JSON → ProbeInfo, refusing inputs no analysis can use. */
export function parseProbeJson(json: unknown, file: string): ProbeInfo {
  const root = (json ?? {}) as { streams?: RawStream[]; format?: RawStream };
  const streams = root.streams ?? [];
  // Cover art in audio files shows up as a one-picture "video" stream; it is not footage.
  const video = streams.find(
    (s) => s['codec_type'] === 'video' && ((s['disposition'] ?? {}) as RawStream)['attached_pic'] !== 1,
  );
  const hasAudio = streams.some((s) => s['codec_type'] === 'audio');
  if (video === undefined) {
    throw new MediaError({
      code: 'media_unsupported',
      message: hasAudio ? `${file} has audio but no video stream` : `${file} has no video stream`,
      file,
    });
  }
  const width = num(video['width']) ?? 0;
  const height = num(video['height']) ?? 0;
  if (width <= 0 || height <= 0) {
    throw new MediaError({ code: 'media_unsupported', message: `${file} has no frame size`, file });
  }
  if (width > MAX_VIDEO_SIDE_PX || height > MAX_VIDEO_SIDE_PX) {
    throw new MediaError({
      code: 'media_unsupported',
      message: `${file} is ${width}x${height}; sides above ${MAX_VIDEO_SIDE_PX} px are not supported`,
      file,
      hint: 'downscale the clip first (e.g. ffmpeg -vf scale=-2:2160)',
    });
  }
  const rotationDeg = rotationOf(video);
  const swapped = rotationDeg === 90 || rotationDeg === 270;
  const avg = parseRate(video['avg_frame_rate']);
  const real = parseRate(video['r_frame_rate']);
  const fps = avg ?? real ?? 25;
  const variableFrameRate = avg !== undefined && real !== undefined && Math.abs(avg - real) / real > 0.01;
  const durationS = num(video['duration']) ?? num(root.format?.['duration']) ?? 0;
  const declared = num(video['nb_frames']);
  const frames =
    declared !== undefined && declared > 0 ? declared : durationS > 0 ? Math.round(durationS * fps) : 1;
  return {
    file,
    codec: String(video['codec_name'] ?? 'unknown'),
    width,
    height,
    displayWidth: swapped ? height : width,
    displayHeight: swapped ? width : height,
    rotationDeg,
    fps,
    frames,
    durationS: durationS > 0 ? durationS : frames / fps,
    variableFrameRate,
    hasAudio,
  };
}
