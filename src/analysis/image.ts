/**
 * Gray images at analysis resolution and the few pixel operations every metric shares.
 * Buffers are typed arrays reused across frames: the hot path allocates nothing per frame.
 */
import type { Frame } from '../media/frame.ts';

/** A single-channel float image, row-major. */
export type GrayImage = { width: number; height: number; data: Float32Array };

/** Allocates a gray image of the given size. */
export function createGray(width: number, height: number): GrayImage {
  return { width, height, data: new Float32Array(width * height) };
}

/** `out` when it already has this size, else a new image. */
export function grayOfSize(out: GrayImage | undefined, width: number, height: number): GrayImage {
  return out && out.width === width && out.height === height ? out : createGray(width, height);
}

/** Copies a decoded frame into `out` as luma (BT.601 weights for RGB), resizing `out` if needed. */
export function frameToGray(frame: Frame, out?: GrayImage): GrayImage {
  const { width, height } = frame;
  const target = grayOfSize(out, width, height);
  const dst = target.data;
  const src = frame.data;
  if (frame.channels === 1) {
    for (let i = 0; i < dst.length; i++) dst[i] = src[i] as number;
  } else {
    for (let i = 0, j = 0; i < dst.length; i++, j += 3) {
      dst[i] = 0.299 * (src[j] as number) + 0.587 * (src[j + 1] as number) + 0.114 * (src[j + 2] as number);
    }
  }
  return target;
}

/** Halves an image with a 2×2 box filter into `out` (size floor(w/2)×floor(h/2)). */
export function downsample2(src: GrayImage, out?: GrayImage): GrayImage {
  const w = src.width >> 1;
  const h = src.height >> 1;
  const target = grayOfSize(out, w, h);
  const s = src.data;
  const d = target.data;
  const sw = src.width;
  for (let y = 0; y < h; y++) {
    const r0 = 2 * y * sw;
    const r1 = r0 + sw;
    for (let x = 0; x < w; x++) {
      const c = 2 * x;
      d[y * w + x] =
        0.25 *
        ((s[r0 + c] as number) +
          (s[r0 + c + 1] as number) +
          (s[r1 + c] as number) +
          (s[r1 + c + 1] as number));
    }
  }
  return target;
}

/** A small image pyramid: level 0 is full analysis resolution, each next level half the size. */
export type Pyramid = GrayImage[];

/** Builds (or refills) a pyramid with `levels` levels from `base`, reusing `out`'s buffers. */
export function buildPyramid(base: GrayImage, levels: number, out?: Pyramid): Pyramid {
  const pyramid: Pyramid = out ?? [];
  pyramid[0] = base;
  return completePyramid(pyramid, 1, levels);
}

/** Fills levels `from`..`levels − 1` of `pyramid` from the level below each (buffers reused). */
export function completePyramid(pyramid: Pyramid, from: number, levels: number): Pyramid {
  for (let l = Math.max(1, from); l < levels; l++) {
    pyramid[l] = downsample2(pyramid[l - 1] as GrayImage, pyramid[l]);
  }
  pyramid.length = levels;
  return pyramid;
}

/** Bilinear sample with clamping at the border. */
export function sampleBilinear(img: GrayImage, x: number, y: number): number {
  const w = img.width;
  const h = img.height;
  const cx = x < 0 ? 0 : Math.min(x, w - 1.001);
  const cy = y < 0 ? 0 : Math.min(y, h - 1.001);
  const x0 = cx | 0;
  const y0 = cy | 0;
  const fx = cx - x0;
  const fy = cy - y0;
  const i = y0 * w + x0;
  const d = img.data;
  const a = d[i] as number;
  const b = d[i + 1] as number;
  const c = d[i + w] as number;
  const e = d[i + w + 1] as number;
  return a + fx * (b - a) + fy * (c - a) + fx * fy * (a - b - c + e);
}

/** Copies `src` into a new image (for keeping a frame across iterations). */
export function cloneGray(src: GrayImage, out?: GrayImage): GrayImage {
  const target =
    out && out.width === src.width && out.height === src.height ? out : createGray(src.width, src.height);
  target.data.set(src.data);
  return target;
}
