import { describe, expect, it } from 'vitest';
import { createGray, type GrayImage } from '../image.ts';
import { texture } from '../testing/procedural.ts';
import { affineMisfit, blockMisfit } from './layer-misfit.ts';

const W = 96;
const H = 96;

/** Renders the procedural texture through a map from image to world coordinates. */
function render(map: (x: number, y: number) => [number, number], seed = 3): GrayImage {
  const img = createGray(W, H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const [u, v] = map(x, y);
      // Low-density texture (finest detail ≈ ⅓ cycle per pixel): bilinear resampling of sub-pixel
      // shifts is then nearly exact, so what remains is the motion model, not interpolation loss.
      img.data[y * W + x] = texture(u * 0.3, v * 0.3, seed);
    }
  }
  return img;
}

const still = { dx: 0, dy: 0 };
const prev = render((x, y) => [x, y]);

describe('blockMisfit', () => {
  it('is near zero for a rigid sub-pixel shift explained by the own motion', () => {
    const cur = render((x, y) => [x - 1.3, y + 0.7]);
    const m = blockMisfit(prev, cur, 48, 48, 24, { dx: 1.3, dy: -0.7 }, still);
    expect(m).toBeLessThan(0.08);
  });

  it('explains a block holding two layers (subject edge) by the better motion per pixel', () => {
    // Left of x = 48 the content moves 2 px right; the rest (background) stays.
    const cur = render((x, y) => (x < 48 ? [x - 2, y] : [x, y]));
    const own = { dx: 2, dy: 0 };
    const twoLayer = blockMisfit(prev, cur, 48, 48, 24, own, still);
    const oneLayer = blockMisfit(prev, cur, 48, 48, 24, own, own);
    // What remains is the 2-px strip the moving layer covers (occlusion), a twelfth of the block.
    expect(twoLayer).toBeLessThan(0.25);
    expect(oneLayer).toBeGreaterThan(2 * twoLayer);
  });

  it('is large for content that changes shape in place (rows shifted by a wave)', () => {
    const cur = render((x, y) => [x - 2.5 * Math.sin(y / 2.5), y]);
    const m = blockMisfit(prev, cur, 48, 48, 24, still, still);
    expect(m).toBeGreaterThan(0.4);
  });
});

describe('affineMisfit', () => {
  it('explains a rigid rotation that a translation cannot, but not a wave', () => {
    const a = (5 * Math.PI) / 180;
    const rotated = render((x, y) => {
      const dx = x - 48;
      const dy = y - 48;
      return [48 + dx * Math.cos(a) + dy * Math.sin(a), 48 - dx * Math.sin(a) + dy * Math.cos(a)];
    });
    const translation = blockMisfit(prev, rotated, 48, 48, 24, still, still);
    const affine = affineMisfit(prev, rotated, 48, 48, 24, still, still);
    expect(affine).toBeLessThan(0.1);
    expect(translation).toBeGreaterThan(3 * affine);
    const wave = render((x, y) => [x - 2.5 * Math.sin(y / 2.5), y]);
    expect(affineMisfit(prev, wave, 48, 48, 24, still, still)).toBeGreaterThan(0.3);
  });
});
