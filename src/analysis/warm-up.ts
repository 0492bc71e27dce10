/**
 * JIT warm-up in otherwise idle time. A fresh process spends its first ~50 frames in V8's
 * interpreter and baseline tiers (≈ 3 ms of main-thread CPU per frame for frames 1–25, 1.2 ms to
 * frame 50, 0.85 ms once optimised, at 256×144), while before the first frame it only waits — on
 * ffprobe and on ffmpeg's start-up, 75–120 ms. `warmUpWhile` spends that wait pushing synthetic frames through
 * a throw-away feature extractor, one frame per macrotask, so the hot kernels have type feedback
 * (and are being optimised) when the real frames come.
 *
 * Results are unchanged to the bit: the throw-away extractor shares no state with the real one
 * (module-level scratch buffers are fully rewritten by every call that reads them, and a push is
 * synchronous, so a warm-up frame never interleaves with a real one), and V8's tiers compute the
 * same IEEE doubles. Checked on the eval sets and the real clips by dumping every result and
 * per-frame record before and after (README "Warm-up").
 */
import { createFeatureExtractor, type FeatureExtractor } from './features.ts';

/** Synthetic frames: the analysis size of a 16:9 source (`analysisPixels`), 30 fps. */
const WIDTH = 256;
const HEIGHT = 144;
/**
 * The first frames are small: every function then completes a few calls, down every common branch,
 * before any of its loops runs long enough to be compiled on-stack (OSR). OSR code compiled in a
 * function's very first call lacks feedback for the code after its loop, and V8 keeps re-entering
 * that code and deoptimising (a 256×144 first frame made ingestGrayFrame deoptimise 23 times
 * in one run, held-subject's meanOf over 100 times in another).
 */
const SMALL_WIDTH = 64;
const SMALL_HEIGHT = 36;
const SMALL_FRAMES = 12;
export const WARM_UP_FPS = 30;
const FPS = WARM_UP_FPS;
/** Camera motion per frame (px): a steady diagonal pan, so block flow, RANSAC and spans engage. */
const STEP_X = 2;
const STEP_Y = 1;
/** Frames after which the sequence restarts (a long warm-up only repeats the same paths). */
const CYCLE = 40;
/** Frames after which the clip metrics are computed once (the per-clip code warms up too). */
const FINISH_AT = 20;

let world: Uint8Array | undefined;
const WORLD_W = WIDTH + STEP_X * CYCLE;
const WORLD_H = HEIGHT + STEP_Y * CYCLE;

/** A smooth but textured scene (sums of sines; every block passes the LK texture test). */
function scene(): Uint8Array {
  if (world !== undefined) return world;
  const out = new Uint8Array(WORLD_W * WORLD_H);
  for (let y = 0; y < WORLD_H; y++) {
    for (let x = 0; x < WORLD_W; x++) {
      const v =
        128 +
        45 * Math.sin(0.37 * x + 0.9 * Math.sin(0.11 * y)) +
        35 * Math.cos(0.29 * y + 0.7 * Math.sin(0.17 * x)) +
        20 * Math.sin(0.05 * (x + 2 * y));
      out[y * WORLD_W + x] = Math.max(0, Math.min(255, Math.round(v)));
    }
  }
  world = out;
  return out;
}

/**
 * Frame `t` of the synthetic sequence into `data` (`width` × `height` ≤ 256 × 144 gray bytes): the
 * scene pans; a subject (a centred square, 28 % of the height) keeps frame 0's view, held on screen.
 */
export function syntheticFrame(t: number, data: Uint8Array, width = WIDTH, height = HEIGHT): void {
  const src = scene();
  const k = t % CYCLE;
  const ox = k * STEP_X;
  const oy = k * STEP_Y;
  for (let y = 0; y < height; y++) {
    const from = (y + oy) * WORLD_W + ox;
    data.set(src.subarray(from, from + width), y * width);
  }
  const size = Math.round(0.28 * height);
  const x0 = (width - size) >> 1;
  const y0 = (height - size) >> 1;
  for (let y = y0; y < y0 + size; y++) {
    const from = y * WORLD_W + x0;
    data.set(src.subarray(from, from + size), y * width + x0);
  }
}

/**
 * Frames (synthetic or real) this process has analysed; past `WARM_FRAMES` its JIT is warm and a
 * warm-up would only take the main thread from other work (a batch analyses files concurrently:
 * one file's wait is another's analysis).
 */
let framesSeen = 0;
const WARM_FRAMES = 120;

/** Counts real frames analysed (analyze.ts), so later files in the process skip the warm-up. */
export function noteFramesAnalysed(count: number): void {
  framesSeen += count;
}

/**
 * Pushes synthetic frames through a throw-away extractor, one per macrotask, until `busy()` turns
 * false (checked before every frame) or `maxFrames` were pushed (by default: until the process has
 * seen `WARM_FRAMES` frames). Returns the number pushed. Each frame costs ~5 ms cold, so the real work
 * waits at most about one frame's time.
 */
export async function warmUpWhile(
  busy: () => boolean,
  finish: (extractor: FeatureExtractor) => void,
  maxFrames = WARM_FRAMES - framesSeen,
): Promise<number> {
  let extractor = createFeatureExtractor({ fps: FPS });
  const small = new Uint8Array(SMALL_WIDTH * SMALL_HEIGHT);
  const data = new Uint8Array(WIDTH * HEIGHT);
  let pushed = 0;
  while (pushed < maxFrames) {
    await new Promise((resolve) => setImmediate(resolve));
    if (!busy()) break;
    const isSmall = pushed < SMALL_FRAMES;
    const index = isSmall ? pushed : (pushed - SMALL_FRAMES) % CYCLE;
    // A new extractor per size and per cycle (the scene jumps back, which would read as a cut).
    if (index === 0 && pushed > 0) extractor = createFeatureExtractor({ fps: FPS });
    const width = isSmall ? SMALL_WIDTH : WIDTH;
    const height = isSmall ? SMALL_HEIGHT : HEIGHT;
    const bytes = isSmall ? small : data;
    syntheticFrame(index, bytes, width, height);
    extractor.push({ index, timeS: index / FPS, width, height, channels: 1, data: bytes });
    pushed++;
    framesSeen++;
    if (index === (isSmall ? SMALL_FRAMES - 1 : FINISH_AT)) {
      await new Promise((resolve) => setImmediate(resolve));
      if (!busy()) break;
      finish(extractor);
    }
  }
  return pushed;
}
