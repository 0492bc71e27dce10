/**
 * How badly a block's content fails to be *moved* from one frame to the next — the evidence for a
 * subject that morphs rather than moves. A block on a subject's edge holds two layers (subject and
 * background) with two motions; a block on a walking figure holds a limb or two. Each pixel is
 * therefore explained by the better of two motions: the block's own best translation and the
 * camera's motion at that point (each with its own brightness offset). Two rigid layers then leave
 * only noise; content that changes shape in place (warping, melting, texture swapping) matches
 * neither. The misfit is normalised by the block's mean gradient magnitude, which turns a gray-level
 * residual into roughly "pixels of unexplained displacement" — comparable across textures and
 * contrasts (a high-contrast edge moved by half a pixel leaves a large residual, a flat patch none).
 */
import type { GrayImage } from '../image.ts';
import { imagePtr, kernels, region } from '../kernels/wasm.ts';

/**
 * Per-pixel work in WebAssembly (kernels/assembly/layer-misfit.ts, bit-identical to the former
 * TypeScript). Every other row of the block enters the sums, as in block-flow.ts. The images are
 * the frame pair's copies in linear memory (kernels/wasm.ts `imagePtr`): callers pass images that
 * have not changed since the pair's `estimateBlockFlow`, or images new to the kernels.
 */

/**
 * Two-motion misfit of the block of side `size` centred at (cx, cy): mean over its pixels of
 * min(|own error|, |camera error|) divided by the mean gradient magnitude (≈ px). NaN when the
 * block is flat (no gradient to normalise by) or both displaced blocks leave the image.
 * Each motion's error is made gain-free first: the block's own least-squares gain g (kept within
 * 0.5..2, so a block matched to the wrong content is not "fitted") and offset o, |v − (g·t + o)| —
 * a flash, flicker or exposure drift scales the block's contrast, which is not a change of shape.
 */
export function blockMisfit(
  a: GrayImage,
  b: GrayImage,
  cx: number,
  cy: number,
  size: number,
  own: { dx: number; dy: number },
  cam: { dx: number; dy: number },
): number {
  return runMisfit(kernels.blockMisfit, a, b, cx, cy, size, own, cam);
}

/**
 * `blockMisfit` with the block's own motion widened from a translation to an affine map (rotation,
 * scale, shear — fitted by Gauss–Newton from `own`, 4 steps of the 7 parameters dx, dy, a11, a12,
 * a21, a22 and the offset, damped ×1.01 + 1e-3 on the diagonal so a weakly textured block does
 * not fly off; an affine term beyond ±0.3 per frame is no rigid motion and is clamped). A rigid
 * object that turns or approaches the camera moves affinely within a block; a shape change does
 * not. Used on the few worst blocks of a pair, where the translation-only score is high.
 */
export function affineMisfit(
  a: GrayImage,
  b: GrayImage,
  cx: number,
  cy: number,
  size: number,
  own: { dx: number; dy: number },
  cam: { dx: number; dy: number },
): number {
  return runMisfit(kernels.affineMisfit, a, b, cx, cy, size, own, cam);
}

type MisfitKernel = typeof kernels.blockMisfit;

/** Both misfits take the same arguments: the pair's images in linear memory and a scratch region. */
function runMisfit(
  kernel: MisfitKernel,
  a: GrayImage,
  b: GrayImage,
  cx: number,
  cy: number,
  size: number,
  own: { dx: number; dy: number },
  cam: { dx: number; dy: number },
): number {
  const scratch = region('misfit.scratch', 5 * (size + 2) * (size + 2) * 4);
  return kernel(
    imagePtr(a),
    imagePtr(b),
    a.width,
    a.height,
    cx,
    cy,
    size,
    own.dx,
    own.dy,
    cam.dx,
    cam.dy,
    scratch,
  );
}
