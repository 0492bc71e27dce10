/**
 * The per-pixel work on a decoded 1-byte gray frame, fused into one pass over its rows: the copy
 * into level 0, level 1 of the pyramid (level 2 follows from level 1), the exposure histogram and sums and the level-0 gradient
 * energy (frame-stats.ts), and the mean absolute difference to the previous frame. Reading the
 * bytes once, in integer arithmetic, is ~3× cheaper than the separate passes over float images.
 * Every figure is a sum of whole numbers (or of whole numbers / 4 on level 1), which is exact in
 * any order, so the results equal `frameToGray` + `buildPyramid` + `frameStats` + `meanAbsDiff`
 * to the bit. The pass runs in WebAssembly (kernels/assembly/frame-ingest.ts, ~2× less CPU than
 * the TypeScript it replaced; same values): the bytes are copied in, levels 0 and 1 copied out.
 */
import type { Frame } from '../media/frame.ts';
import { type FrameStats, frameStatsFromSums } from './frame-stats.ts';
import { downsample2, type GrayImage } from './image.ts';
import { heapF32, heapU8, kernels, region } from './kernels/wasm.ts';

export type Ingested = { stats: FrameStats; mad: number };

/**
 * Fills `l0` (frame size), `l1` (half size, 2×2 box) and `l2` (quarter size, 2×2 box of `l1`) from a
 * 1-channel `frame`, `hist` with the frame's 32-bin histogram, and returns its stats and its MAD to
 * the previous frame's bytes `prev` (0 without one). Alternate rows for the stats, gradient and MAD,
 * as in frame-stats.ts.
 */
export function ingestGrayFrame(
  frame: Frame,
  l0: GrayImage,
  l1: GrayImage,
  l2: GrayImage,
  prev: Uint8Array | undefined,
  hist: Float64Array,
): Ingested {
  const { width: w, height: h } = frame;
  const size = w * h;
  const n1 = (w >> 1) * (h >> 1);
  const src = region('ingest.src', size);
  const before = region('ingest.prev', size);
  const p0 = region('ingest.l0', size * 4);
  const p1 = region('ingest.l1', n1 * 4);
  const fine = region('ingest.fine', 256 * 4);
  const sums = region('ingest.sums', 6 * 8);
  const u8 = heapU8();
  u8.set(frame.data.subarray(0, size), src);
  if (prev !== undefined) u8.set(prev.subarray(0, size), before);
  kernels.ingest(src, prev !== undefined ? before : 0, w, h, p0, p1, fine, sums);
  const f32 = heapF32();
  l0.data.set(f32.subarray(p0 >> 2, (p0 >> 2) + size));
  l1.data.set(f32.subarray(p1 >> 2, (p1 >> 2) + n1));
  const buffer = kernels.memory.buffer;
  const out = new Float64Array(buffer, sums, 6);
  const mad = out[5] as number;
  const rows = Math.ceil(h / 2);
  return {
    stats: frameStatsFromSums(
      new Uint32Array(buffer, fine, 256),
      out[0] as number,
      out[1] as number,
      out[2] as number,
      out[3] as number,
      out[4] as number,
      l1,
      downsample2(l1, l2),
      hist,
    ),
    mad: prev !== undefined && rows > 0 ? mad / (rows * w) : 0,
  };
}
