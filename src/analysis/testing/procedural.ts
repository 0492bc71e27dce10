/**
 * Procedural frames for unit tests: a multi-octave value-noise texture viewed through a camera
 * (translation, scale, rotation), with an optional square subject and per-frame gain. Pure and
 * deterministic; no ffmpeg. Test support only — not part of the public API.
 */
import type { Frame } from '../../media/frame.ts';

function hash(ix: number, iy: number, seed: number): number {
  let h = (ix * 374761393 + iy * 668265263 + seed * 982451653) | 0;
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

function valueNoise(x: number, y: number, seed: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const sx = fx * fx * (3 - 2 * fx);
  const sy = fy * fy * (3 - 2 * fy);
  const a = hash(x0, y0, seed);
  const b = hash(x0 + 1, y0, seed);
  const c = hash(x0, y0 + 1, seed);
  const d = hash(x0 + 1, y0 + 1, seed);
  return a + sx * (b - a) + sy * (c - a) + sx * sy * (a - b - c + d);
}

/** Texture value 0..255 at world point (x, y) (world units ≈ pixels at scale 1). */
export function texture(x: number, y: number, seed = 1): number {
  let v = 0;
  let amp = 0.5;
  let f = 1 / 16;
  for (let o = 0; o < 5; o++) {
    v += amp * valueNoise(x * f, y * f, seed + o);
    amp *= 0.5;
    f *= 2;
  }
  return Math.max(0, Math.min(255, (v / 0.96875) * 235 + 10));
}

export type Camera = {
  /** World position of the frame centre. */
  x: number;
  y: number;
  /** Zoom factor: > 1 shows content bigger. */
  zoom: number;
  /** Camera roll in radians (positive = camera turns clockwise, content counter-clockwise). */
  rollRad: number;
};

export type Subject = {
  x: number;
  y: number;
  size: number;
  seed: number;
  /** Rows of the subject's texture shift sideways by up to this many px, changing every frame (a distortion). */
  wobblePx?: number;
  /** A uniform body (one gray level) instead of a textured one. */
  flat?: boolean;
} | null;

export type RenderOptions = {
  width: number;
  height: number;
  camera: Camera;
  /** A square subject at screen position (x, y) (centre, px), textured with its own seed. */
  subject?: Subject;
  gain?: number;
  offset?: number;
  noise?: number;
  noiseSeed?: number;
  seed?: number;
};

/** Renders one gray frame. */
export function renderGray(opts: RenderOptions, index = 0, fps = 30): Frame {
  const { width, height, camera } = opts;
  const data = new Uint8Array(width * height);
  const cos = Math.cos(camera.rollRad);
  const sin = Math.sin(camera.rollRad);
  const gain = opts.gain ?? 1;
  const offset = opts.offset ?? 0;
  const noise = opts.noise ?? 0;
  const noiseSeed = opts.noiseSeed ?? index;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = x - width / 2;
      const sy = y - height / 2;
      let v: number;
      const s = opts.subject;
      if (s && Math.abs(x - s.x) < s.size / 2 && Math.abs(y - s.y) < s.size / 2) {
        const wobble = s.wobblePx ? s.wobblePx * Math.sin((y - s.y) * 0.45 + index * 1.9) : 0;
        v = s.flat ? 150 : 0.6 * texture(x - s.x + 1000 + wobble, y - s.y + 1000, s.seed) + 90;
      } else {
        // Camera roll clockwise turns content counter-clockwise on screen: world = R(+roll)·screen.
        const wx = (cos * sx - sin * sy) / camera.zoom + camera.x;
        const wy = (sin * sx + cos * sy) / camera.zoom + camera.y;
        v = texture(wx, wy, opts.seed ?? 1);
      }
      if (noise > 0) v += (hash(x, y, noiseSeed + 7777) - 0.5) * 2 * noise;
      data[y * width + x] = Math.max(0, Math.min(255, Math.round(v * gain + offset)));
    }
  }
  return { index, timeS: index / fps, width, height, channels: 1, data };
}

/** A sequence of frames for a camera path. */
export function renderClip(count: number, make: (i: number) => RenderOptions, fps = 30): Frame[] {
  const frames: Frame[] = [];
  for (let i = 0; i < count; i++) frames.push(renderGray(make(i), i, fps));
  return frames;
}

/** Wraps an array as the async stream `analyzeFrames` consumes. */
export async function* streamOf(frames: Frame[]): AsyncGenerator<Frame> {
  for (const f of frames) yield f;
}
