/**
 * The grid of blocks on which local motion is measured. Blocks at the frame border carry a higher
 * weight in the camera fit because the background (what the camera motion moves) usually fills the
 * border while a subject usually sits nearer the centre — this keeps a large subject from winning.
 */
export type BlockGrid = {
  cols: number;
  rows: number;
  /** Block side in level-0 pixels. */
  blockSize: number;
  /** Block centres in level-0 pixel coordinates. */
  cx: Float32Array;
  cy: Float32Array;
  /** Fit weight: 2 on the outer ring, 1 inside. */
  weight: Float32Array;
  count: number;
};

/** Lays out a grid of blocks over a `width`×`height` image, keeping `marginPx` clear at the border. */
export function createBlockGrid(width: number, height: number, marginPx: number): BlockGrid {
  const blockSize = Math.max(8, Math.round(Math.min(width, height) / 6));
  const usableW = width - 2 * marginPx;
  const usableH = height - 2 * marginPx;
  // Centres spaced one block apart: every pixel of the usable area is in exactly one block.
  const cols = Math.max(2, Math.floor(usableW / blockSize));
  const rows = Math.max(2, Math.floor(usableH / blockSize));
  const count = cols * rows;
  const cx = new Float32Array(count);
  const cy = new Float32Array(count);
  const weight = new Float32Array(count);
  const stepX = usableW / cols;
  const stepY = usableH / rows;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      cx[i] = marginPx + (c + 0.5) * stepX;
      cy[i] = marginPx + (r + 0.5) * stepY;
      weight[i] = r === 0 || c === 0 || r === rows - 1 || c === cols - 1 ? 2 : 1;
    }
  }
  return { cols, rows, blockSize, cx, cy, weight, count };
}

/** The analysis grid for a frame size: blocks of ⅙ of the short side, a 5 % margin (≥ 4 px). */
export function analysisGrid(width: number, height: number): BlockGrid {
  return createBlockGrid(width, height, Math.max(4, Math.round(Math.min(width, height) * 0.05)));
}
