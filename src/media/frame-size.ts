import { MediaError } from './media-error.ts';
import { MAX_VIDEO_SIDE_PX } from './probe.ts';

/** How big decoded frames should be. Give `maxSide`, or `width` and/or `height`; nothing = native. */
export type FrameSizeRequest = {
  /** Scale so the longer side is at most this (never upscales). */
  maxSide?: number | undefined;
  width?: number | undefined;
  height?: number | undefined;
};

/** Even and at least 2: yuv420p encoders and 2×2 pyramids both need it, and it keeps sizes predictable. */
function even(value: number): number {
  return Math.max(2, Math.round(value / 2) * 2);
}

function checkSide(name: string, value: number | undefined): void {
  if (value === undefined) return;
  if (!Number.isFinite(value) || value < 2 || value > MAX_VIDEO_SIDE_PX) {
    throw new MediaError({
      code: 'media_bad_argument',
      message: `Expected \`${name}\` to be a number from 2 to ${MAX_VIDEO_SIDE_PX}, got \`${value}\` (${typeof value})`,
    });
  }
}

/** Pure: the output size for a display size and a request, keeping aspect unless both sides are given. */
export function targetFrameSize(
  displayWidth: number,
  displayHeight: number,
  request: FrameSizeRequest = {},
): { width: number; height: number } {
  checkSide('maxSide', request.maxSide);
  checkSide('width', request.width);
  checkSide('height', request.height);
  const aspect = displayWidth / displayHeight;
  if (request.width !== undefined && request.height !== undefined) {
    return { width: even(request.width), height: even(request.height) };
  }
  if (request.width !== undefined)
    return { width: even(request.width), height: even(request.width / aspect) };
  if (request.height !== undefined)
    return { width: even(request.height * aspect), height: even(request.height) };
  const longest = Math.max(displayWidth, displayHeight);
  const factor = request.maxSide !== undefined && longest > request.maxSide ? request.maxSide / longest : 1;
  // Round down at native size so we never invent a column that is not in the source.
  if (factor === 1) {
    return {
      width: Math.max(2, displayWidth - (displayWidth % 2)),
      height: Math.max(2, displayHeight - (displayHeight % 2)),
    };
  }
  return { width: even(displayWidth * factor), height: even(displayHeight * factor) };
}

/**
 * Pure: about `pixels` pixels, aspect kept, even sides of at least 16, never upscaled.
 * `pixelsScaleSize` is the same maths as an ffmpeg scale expression — keep the two in step.
 */
export function sizeForPixels(
  displayWidth: number,
  displayHeight: number,
  pixels: number,
): { width: number; height: number } {
  const factor = Math.min(1, Math.sqrt(pixels / (displayWidth * displayHeight)));
  const even16 = (v: number): number => Math.max(16, Math.round(v / 2) * 2);
  return { width: even16(displayWidth * factor), height: even16(displayHeight * factor) };
}

/**
 * `sizeForPixels` as the `w=…:h=…` of ffmpeg's scale filter (iw/ih are the display size: ffmpeg
 * rotates before the filter), so ffmpeg can start before ffprobe has reported the size. Same
 * operations in the same order in doubles (C `round` = `Math.round` for positives), so the
 * same result; decode.test.ts checks it against real ffmpeg.
 */
export function pixelsScaleSize(pixels: number): string {
  if (!Number.isFinite(pixels) || pixels < 1) {
    throw new MediaError({
      code: 'media_bad_argument',
      message: `Expected \`pixels\` to be a positive number, got \`${pixels}\``,
    });
  }
  const factor = `min(1,sqrt(${pixels}/(iw*ih)))`;
  return `w='max(16,round(iw*${factor}/2)*2)':h='max(16,round(ih*${factor}/2)*2)'`;
}
