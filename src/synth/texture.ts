import { createImage, type Image } from './image.ts';
import { between, createRng, hash2, type Rng } from './rng.ts';

/**
 * Procedural "real-looking" scene textures: multi-octave value noise (fbm) coloured through a
 * palette, a vertical light gradient, and hard-edged shapes (blocks, discs, strokes) so that both
 * smooth and edge content exist at several scales, as in real footage.
 */
export const TEXTURE_KINDS = ['terrain', 'urban', 'foliage', 'interior', 'rock', 'market'] as const;
export type TextureKind = (typeof TEXTURE_KINDS)[number];

type Style = {
  palette: [number, number, number][];
  /** Noise cells per 100 px at the lowest octave. */
  baseFreq: number;
  octaves: number;
  blocks: number;
  discs: number;
  strokes: number;
  gradient: number;
};

const STYLES: Record<TextureKind, Style> = {
  terrain: {
    palette: [
      [52, 74, 38],
      [96, 120, 60],
      [150, 140, 96],
      [200, 190, 150],
    ],
    baseFreq: 0.8,
    octaves: 6,
    blocks: 4,
    discs: 30,
    strokes: 10,
    gradient: 0.35,
  },
  urban: {
    palette: [
      [60, 62, 70],
      [120, 118, 112],
      [170, 160, 150],
      [220, 210, 190],
    ],
    baseFreq: 1.5,
    octaves: 5,
    blocks: 70,
    discs: 6,
    strokes: 30,
    gradient: 0.2,
  },
  foliage: {
    palette: [
      [20, 50, 20],
      [50, 100, 40],
      [110, 150, 60],
      [190, 200, 110],
    ],
    baseFreq: 3,
    octaves: 6,
    blocks: 0,
    discs: 120,
    strokes: 20,
    gradient: 0.1,
  },
  interior: {
    palette: [
      [90, 60, 40],
      [160, 120, 90],
      [210, 190, 160],
      [240, 230, 215],
    ],
    baseFreq: 0.6,
    octaves: 4,
    blocks: 25,
    discs: 12,
    strokes: 8,
    gradient: 0.4,
  },
  rock: {
    palette: [
      [70, 64, 60],
      [120, 110, 100],
      [160, 150, 140],
      [205, 200, 190],
    ],
    baseFreq: 2,
    octaves: 7,
    blocks: 6,
    discs: 20,
    strokes: 40,
    gradient: 0.15,
  },
  market: {
    palette: [
      [150, 40, 40],
      [230, 180, 60],
      [60, 110, 170],
      [240, 240, 230],
    ],
    baseFreq: 1.2,
    octaves: 5,
    blocks: 45,
    discs: 40,
    strokes: 12,
    gradient: 0.25,
  },
};

function valueNoise(x: number, y: number, seed: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const sx = fx * fx * (3 - 2 * fx);
  const sy = fy * fy * (3 - 2 * fy);
  const a = hash2(x0, y0, seed);
  const b = hash2(x0 + 1, y0, seed);
  const c = hash2(x0, y0 + 1, seed);
  const d = hash2(x0 + 1, y0 + 1, seed);
  return a + sx * (b - a) + sy * (c - a) + sx * sy * (a - b - c + d);
}

/** Fractal noise in [0, 1]. `x, y` in world pixels; `freq` in cells per pixel. */
export function fbm(x: number, y: number, freq: number, octaves: number, seed: number): number {
  let sum = 0;
  let amp = 0.5;
  let norm = 0;
  let f = freq;
  for (let o = 0; o < octaves; o += 1) {
    sum += amp * valueNoise(x * f, y * f, seed + o * 131);
    norm += amp;
    amp *= 0.55;
    f *= 2.03;
  }
  return sum / norm;
}

function paletteAt(palette: [number, number, number][], t: number, out: number[]): void {
  const pos = Math.min(0.9999, Math.max(0, t)) * (palette.length - 1);
  const i = Math.floor(pos);
  const f = pos - i;
  const a = palette[i] as [number, number, number];
  const b = palette[i + 1] ?? a;
  out[0] = a[0] + (b[0] - a[0]) * f;
  out[1] = a[1] + (b[1] - a[1]) * f;
  out[2] = a[2] + (b[2] - a[2]) * f;
}

/**
 * Renders a scene texture of `width`×`height` px. `scale` is texture px per world px, so a denser
 * texture (for zooms) shows the same scene with finer detail rather than a different scene.
 */
export function makeSceneTexture(
  width: number,
  height: number,
  kind: TextureKind,
  seed: number,
  scale = 1,
): Image {
  const style = STYLES[kind];
  const image = createImage(width, height, 3);
  const data = image.data;
  const rgb = [0, 0, 0];
  const freq = style.baseFreq / 100 / scale;
  for (let y = 0; y < height; y += 1) {
    const light = 1 - style.gradient * (y / height - 0.5);
    for (let x = 0; x < width; x += 1) {
      const n = fbm(x, y, freq, style.octaves, seed);
      // Stretch contrast: fbm clusters around 0.5.
      paletteAt(style.palette, (n - 0.5) * 2.2 + 0.5, rgb);
      const o = (y * width + x) * 3;
      data[o] = Math.min(255, (rgb[0] as number) * light);
      data[o + 1] = Math.min(255, (rgb[1] as number) * light);
      data[o + 2] = Math.min(255, (rgb[2] as number) * light);
    }
  }
  const rng = createRng(seed * 7 + 3);
  const area = (width * height) / (scale * scale) / (640 * 360);
  for (let i = 0; i < Math.round(style.blocks * area); i += 1) drawBlock(image, rng, scale, style);
  for (let i = 0; i < Math.round(style.discs * area); i += 1) drawDisc(image, rng, scale, style);
  for (let i = 0; i < Math.round(style.strokes * area); i += 1) drawStroke(image, rng, scale);
  return image;
}

function shade(rng: Rng, style: Style): [number, number, number] {
  const base = style.palette[Math.floor(rng() * style.palette.length)] as [number, number, number];
  const k = between(rng, 0.6, 1.35);
  return [
    Math.min(255, base[0] * k + between(rng, -30, 30)),
    Math.min(255, base[1] * k),
    Math.min(255, base[2] * k + between(rng, -30, 30)),
  ];
}

function blend(
  image: Image,
  x: number,
  y: number,
  color: [number, number, number],
  alpha: number,
  grain: number,
): void {
  const o = (y * image.width + x) * 3;
  const d = image.data;
  for (let c = 0; c < 3; c += 1) {
    const v = (d[o + c] ?? 0) * (1 - alpha) + (color[c] as number) * alpha * grain;
    d[o + c] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
}

function drawBlock(image: Image, rng: Rng, scale: number, style: Style): void {
  const w = between(rng, 12, 110) * scale;
  const h = between(rng, 12, 110) * scale;
  const x0 = Math.floor(rng() * image.width);
  const y0 = Math.floor(rng() * image.height);
  const color = shade(rng, style);
  const seed = Math.floor(rng() * 1e6);
  for (let y = y0; y < Math.min(image.height, y0 + h); y += 1) {
    for (let x = x0; x < Math.min(image.width, x0 + w); x += 1) {
      blend(image, x, y, color, 0.85, 0.8 + 0.4 * valueNoise(x / (6 * scale), y / (6 * scale), seed));
    }
  }
}

function drawDisc(image: Image, rng: Rng, scale: number, style: Style): void {
  const r = between(rng, 4, 40) * scale;
  const cx = rng() * image.width;
  const cy = rng() * image.height;
  const color = shade(rng, style);
  for (let y = Math.max(0, Math.floor(cy - r)); y < Math.min(image.height, cy + r); y += 1) {
    for (let x = Math.max(0, Math.floor(cx - r)); x < Math.min(image.width, cx + r); x += 1) {
      const d = Math.hypot(x - cx, y - cy) / r;
      if (d < 1) blend(image, x, y, color, 0.9, 1.15 - 0.35 * d);
    }
  }
}

function drawStroke(image: Image, rng: Rng, scale: number): void {
  const length = between(rng, 30, 220) * scale;
  const angle = rng() * Math.PI;
  const x0 = rng() * image.width;
  const y0 = rng() * image.height;
  const width = between(rng, 1, 4) * scale;
  const value = rng() < 0.5 ? 20 : 235;
  const color: [number, number, number] = [value, value, value];
  for (let s = 0; s < length; s += 0.7) {
    const cx = x0 + Math.cos(angle) * s;
    const cy = y0 + Math.sin(angle) * s;
    for (let k = -width / 2; k <= width / 2; k += 0.7) {
      const x = Math.round(cx - Math.sin(angle) * k);
      const y = Math.round(cy + Math.cos(angle) * k);
      if (x >= 0 && y >= 0 && x < image.width && y < image.height) blend(image, x, y, color, 0.7, 1);
    }
  }
}
