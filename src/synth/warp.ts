import type { CameraState } from './camera-path.ts';
import type { Image } from './image.ts';

/** Output pixel (x, y) samples source point (a·x + b·y + c, d·x + e·y + f). */
export type Affine = { a: number; b: number; c: number; d: number; e: number; f: number };

/**
 * The affine from output pixels to texture pixels for a camera, where the texture covers the
 * world from `origin` at `density` texture px per world px and `factor` scales the camera's
 * translation (parallax layers).
 */
export function cameraAffine(
  cam: CameraState,
  width: number,
  height: number,
  origin: { x: number; y: number },
  density: number,
  factor = 1,
): Affine {
  const k = density / cam.scale;
  const cos = Math.cos(cam.rollRad) * k;
  const sin = Math.sin(cam.rollRad) * k;
  const u0 = 0.5 - width / 2;
  const v0 = 0.5 - height / 2;
  return {
    a: cos,
    b: -sin,
    c: density * (cam.cx * factor - origin.x) + cos * u0 - sin * v0,
    d: sin,
    e: cos,
    f: density * (cam.cy * factor - origin.y) + sin * u0 + cos * v0,
  };
}

/** Bilinear resampling of an RGB texture into a full RGB frame (edges clamp). */
export function warpRgb(src: Image, dst: Uint8Array, width: number, height: number, m: Affine): void {
  const sw = src.width;
  const sd = src.data;
  const maxX = src.width - 1.001;
  const maxY = src.height - 1.001;
  const stride = sw * 3;
  let o = 0;
  for (let y = 0; y < height; y += 1) {
    let tx = m.b * y + m.c;
    let ty = m.e * y + m.f;
    for (let x = 0; x < width; x += 1) {
      const sx = tx < 0 ? 0 : tx > maxX ? maxX : tx;
      const sy = ty < 0 ? 0 : ty > maxY ? maxY : ty;
      const x0 = sx | 0;
      const y0 = sy | 0;
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * stride + x0 * 3;
      const w00 = (1 - fx) * (1 - fy);
      const w10 = fx * (1 - fy);
      const w01 = (1 - fx) * fy;
      const w11 = fx * fy;
      dst[o] =
        (sd[i] as number) * w00 +
        (sd[i + 3] as number) * w10 +
        (sd[i + stride] as number) * w01 +
        (sd[i + stride + 3] as number) * w11 +
        0.5;
      dst[o + 1] =
        (sd[i + 1] as number) * w00 +
        (sd[i + 4] as number) * w10 +
        (sd[i + stride + 1] as number) * w01 +
        (sd[i + stride + 4] as number) * w11 +
        0.5;
      dst[o + 2] =
        (sd[i + 2] as number) * w00 +
        (sd[i + 5] as number) * w10 +
        (sd[i + stride + 2] as number) * w01 +
        (sd[i + stride + 5] as number) * w11 +
        0.5;
      o += 3;
      tx += m.a;
      ty += m.d;
    }
  }
}

/**
 * Alpha-composites an RGBA source over an RGB frame through an affine, inside a pixel box.
 * `rowShift(y)` adds a per-row source offset (used to warp/melt the subject).
 */
export function compositeRgba(
  src: Image,
  dst: Uint8Array,
  width: number,
  height: number,
  m: Affine,
  box: { x0: number; y0: number; x1: number; y1: number },
  rowShift?: (y: number) => number,
): void {
  const sw = src.width;
  const sd = src.data;
  const maxX = src.width - 1;
  const maxY = src.height - 1;
  const x0b = Math.max(0, Math.floor(box.x0));
  const x1b = Math.min(width - 1, Math.ceil(box.x1));
  const y0b = Math.max(0, Math.floor(box.y0));
  const y1b = Math.min(height - 1, Math.ceil(box.y1));
  for (let y = y0b; y <= y1b; y += 1) {
    const shift = rowShift === undefined ? 0 : rowShift(y);
    let tx = m.a * x0b + m.b * y + m.c + shift;
    let ty = m.d * x0b + m.e * y + m.f;
    let o = (y * width + x0b) * 3;
    for (let x = x0b; x <= x1b; x += 1, tx += m.a, ty += m.d, o += 3) {
      if (tx < 0 || ty < 0 || tx >= maxX || ty >= maxY) continue;
      const x0 = tx | 0;
      const y0 = ty | 0;
      const fx = tx - x0;
      const fy = ty - y0;
      const i = (y0 * sw + x0) * 4;
      const j = i + sw * 4;
      // Most of a sparse layer is transparent: skip before doing any weighting.
      if (sd[i + 3] === 0 && sd[i + 7] === 0 && sd[j + 3] === 0 && sd[j + 7] === 0) continue;
      const w00 = (1 - fx) * (1 - fy);
      const w10 = fx * (1 - fy);
      const w01 = (1 - fx) * fy;
      const w11 = fx * fy;
      const alpha =
        ((sd[i + 3] as number) * w00 +
          (sd[i + 7] as number) * w10 +
          (sd[j + 3] as number) * w01 +
          (sd[j + 7] as number) * w11) /
        255;
      if (alpha <= 0.004) continue;
      for (let c = 0; c < 3; c += 1) {
        const v =
          (sd[i + c] as number) * w00 +
          (sd[i + 4 + c] as number) * w10 +
          (sd[j + c] as number) * w01 +
          (sd[j + 4 + c] as number) * w11;
        dst[o + c] = (dst[o + c] as number) * (1 - alpha) + v * alpha + 0.5;
      }
    }
  }
}
