/**
 * Local motion per block: a choice between two starting hypotheses (the coarse global shift, and
 * no motion — so a subject held still in a tracking shot keeps its own vector), then Lucas–Kanade
 * refinement on level 0 for sub-pixel accuracy (Lucas & Kanade 1981; with a
 * brightness offset term so flashes and exposure ramps do not bias the vectors).
 *
 * The per-pixel work runs in WebAssembly (kernels/assembly/block-flow.ts: the hottest loops of the
 * analysis, ~2× less CPU than this file's former TypeScript, bit-identical results).
 * Per block:
 * - start: the global shift or none, whichever has the smaller SAD on level 0 with each match's
 *   brightness offset removed (a tie keeps the global shift; a displaced block leaving the image
 *   is +∞). Lucas–Kanade converges from within ~2 px, so two hypotheses are enough: blocks that
 *   move with the camera and blocks held still (a tracked subject).
 * - refinement: up to 8 Gauss–Newton steps of translation + offset (bilinear sampling), stopping
 *   below 0.02 px; untrackable (+∞) when the structure tensor's smaller eigenvalue is under
 *   `MIN_TEXTURE` per pixel or the block leaves the image.
 * - residual: mean absolute error after alignment with the offset removed; above `MAX_RESIDUAL`
 *   the block is an occlusion, not motion (kept with its vector, not valid).
 * Every other row of a block enters the sums (`ROW_STEP` = 2 there): halves the cost, while a
 * 24-px block keeps ~290 samples — far more than a translation needs.
 * Kernel constants (in the AssemblyScript): MIN_TEXTURE = 3, MAX_RESIDUAL = 18 gray levels.
 */
import type { GrayImage, Pyramid } from '../image.ts';
import { copyIn, forgetImages, heapF32, heapU8, imagePtr, kernels, region } from '../kernels/wasm.ts';
import type { BlockGrid } from './block-grid.ts';

export type BlockFlow = {
  /** Displacement from prev to cur in level-0 pixels. */
  u: Float32Array;
  v: Float32Array;
  /** 1 when the block is textured and its match is trustworthy. */
  valid: Uint8Array;
  /** Mean absolute residual after alignment (gray levels). */
  residual: Float32Array;
};

export function createBlockFlow(count: number): BlockFlow {
  return {
    u: new Float32Array(count),
    v: new Float32Array(count),
    valid: new Uint8Array(count),
    residual: new Float32Array(count),
  };
}

/**
 * Measures every block's displacement from `prev` to `cur`. `globalDx/Dy` is the coarse shift in
 * level-0 pixels. Fills `out` in place. Starts a new frame pair for the kernels: the level-0
 * images are copied into linear memory afresh, and the misfit kernels of this pair reuse them.
 */
export function estimateBlockFlow(
  prev: Pyramid,
  cur: Pyramid,
  grid: BlockGrid,
  globalDx: number,
  globalDy: number,
  out: BlockFlow,
): void {
  const a0 = prev[0] as GrayImage;
  const b0 = cur[0] as GrayImage;
  const count = grid.count;
  const half = grid.blockSize >> 1;
  const side = 2 * half + 2;
  forgetImages();
  const pa = imagePtr(a0);
  const pb = imagePtr(b0);
  const pcx = region('flow.cx', count * 4);
  const pcy = region('flow.cy', count * 4);
  const scratch = region('flow.scratch', 4 * side * side * 4);
  const pu = region('flow.u', count * 4);
  const pv = region('flow.v', count * 4);
  const pr = region('flow.residual', count * 4);
  const pvalid = region('flow.valid', count);
  copyIn(pcx, grid.cx.subarray(0, count));
  copyIn(pcy, grid.cy.subarray(0, count));
  kernels.blockFlow(
    pa,
    pb,
    a0.width,
    a0.height,
    pcx,
    pcy,
    count,
    half,
    Math.round(globalDx),
    Math.round(globalDy),
    scratch,
    pu,
    pv,
    pr,
    pvalid,
  );
  const f32 = heapF32();
  out.u.set(f32.subarray(pu >> 2, (pu >> 2) + count));
  out.v.set(f32.subarray(pv >> 2, (pv >> 2) + count));
  out.residual.set(f32.subarray(pr >> 2, (pr >> 2) + count));
  out.valid.set(heapU8().subarray(pvalid, pvalid + count));
}
