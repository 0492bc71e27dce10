/** A packed image: `channels` bytes per pixel, row-major. RGB for scenes, RGBA for layers/sprites. */
export type Image = { width: number; height: number; channels: 3 | 4; data: Uint8Array };

export function createImage(width: number, height: number, channels: 3 | 4): Image {
  return { width, height, channels, data: new Uint8Array(width * height * channels) };
}

/**
 * In-place separable box blur on an RGB buffer, `passes` times (3 passes ≈ gaussian, by the
 * central limit theorem). Running sums keep it O(pixels) whatever the radius.
 */
export function boxBlurRgb(
  data: Uint8Array,
  width: number,
  height: number,
  radius: number,
  passes = 2,
): void {
  const r = Math.max(0, Math.round(radius));
  if (r === 0) return;
  const line = new Float32Array(Math.max(width, height) * 3);
  for (let p = 0; p < passes; p += 1) {
    for (let y = 0; y < height; y += 1) blurLine(data, y * width * 3, 3, width, r, line);
    for (let x = 0; x < width; x += 1) blurLine(data, x * 3, width * 3, height, r, line);
  }
}

function blurLine(
  data: Uint8Array,
  start: number,
  stride: number,
  length: number,
  r: number,
  line: Float32Array,
): void {
  for (let i = 0; i < length; i += 1) {
    const o = start + i * stride;
    line[i * 3] = data[o] ?? 0;
    line[i * 3 + 1] = data[o + 1] ?? 0;
    line[i * 3 + 2] = data[o + 2] ?? 0;
  }
  const norm = 1 / (2 * r + 1);
  for (let c = 0; c < 3; c += 1) {
    let sum = 0;
    for (let k = -r; k <= r; k += 1) sum += line[Math.min(length - 1, Math.max(0, k)) * 3 + c] ?? 0;
    for (let i = 0; i < length; i += 1) {
      data[start + i * stride + c] = sum * norm + 0.5;
      const add = Math.min(length - 1, i + r + 1);
      const drop = Math.max(0, i - r);
      sum += (line[add * 3 + c] ?? 0) - (line[drop * 3 + c] ?? 0);
    }
  }
}
