/**
 * Tracking evidence: is part of the picture held still on screen while the camera moves past the
 * rest? Frame to frame a slow tracking shot moves the background a fraction of a pixel — no better
 * than noise — so each frame is compared with the one `gapFrames` back (≈ ½ s), across which the
 * background has moved several pixels. On pyramid level 1, every 8×8 cell of the current frame is
 * matched two ways against the old frame: in place (a held subject) and through the camera motion
 * composed over the gap (the background). A cell is *held* in that frame when in-place matching
 * explains it at least twice as well as the camera does. Over the clip, a cell that is held in at
 * least 60 % of the frames where it could be judged (the camera moved it ≥ 1.5 level-1 px and it
 * has texture) belongs to a held subject. A walker crossing the frame, heavy-compression "sticky"
 * blocks and clipped highlights are never held that consistently in the same place.
 */
import type { GrayImage } from './image.ts';

const CELL = 4;
/** Minimum camera displacement of a cell over the gap (level-1 px) for it to be judged. */
const MIN_SHIFT_PX = 1.5;
/** A pixel votes held when its in-place error ≤ this × its camera-compensated error… */
const HELD_RATIO = 0.5;
/** …among pixels where one of the two errors is at least 2× this (gray levels). */
const MIN_CAMERA_ERROR = 3;
/** Share of its judged frames a cell must be held in to count as subject. */
const HELD_SHARE = 0.6;

/** Per-pair camera similarity in level-0 px, centred coordinates (see similarity-fit.ts). */
export type PairSimilarity = { tx: number; ty: number; a: number; b: number; reliable: boolean };

type Affine = { m00: number; m01: number; m10: number; m11: number; tx: number; ty: number };

const IDENTITY: Affine = { m00: 1, m01: 0, m10: 0, m11: 1, tx: 0, ty: 0 };

/** next ∘ prev (apply `prev` first). */
function compose(next: Affine, prev: Affine): Affine {
  return {
    m00: next.m00 * prev.m00 + next.m01 * prev.m10,
    m01: next.m00 * prev.m01 + next.m01 * prev.m11,
    m10: next.m10 * prev.m00 + next.m11 * prev.m10,
    m11: next.m10 * prev.m01 + next.m11 * prev.m11,
    tx: next.m00 * prev.tx + next.m01 * prev.ty + next.tx,
    ty: next.m10 * prev.tx + next.m11 * prev.ty + next.ty,
  };
}

export type HeldResult = { heldFrac: number; heldCells: number; judgedCells: number };

export type HeldTracker = {
  /** Feed level 1 of each frame with the similarity from the previous frame (null for the first). */
  push(level1: GrayImage, pair: PairSimilarity | null): void;
  /** Held cells / judged cells over the clip, and the held cell count. */
  result(): HeldResult;
};

export function createHeldTracker(gapFrames: number): HeldTracker {
  const gap = Math.max(2, Math.round(gapFrames));
  const frames: GrayImage[] = [];
  const pairs: Array<Affine | null> = [];
  let held: Uint32Array | undefined;
  let judged: Uint32Array | undefined;
  let cols = 0;
  let rows = 0;
  let frameCount = 0;

  function push(img: GrayImage, pair: PairSimilarity | null): void {
    if (held === undefined) {
      cols = Math.floor(img.width / CELL);
      rows = Math.floor(img.height / CELL);
      held = new Uint32Array(cols * rows);
      judged = new Uint32Array(cols * rows);
    }
    // Level-1 similarity (translation halves; a, b are scale-free).
    pairs.push(
      pair === null || !pair.reliable
        ? null
        : {
            m00: 1 + pair.a,
            m01: -pair.b,
            m10: pair.b,
            m11: 1 + pair.a,
            tx: pair.tx / 2,
            ty: pair.ty / 2,
          },
    );
    const kept = frames.length > gap ? frames.shift() : undefined;
    if (pairs.length > gap) pairs.shift();
    const copy =
      kept && kept.width === img.width && kept.height === img.height
        ? kept
        : { width: img.width, height: img.height, data: new Float32Array(img.data.length) };
    copy.data.set(img.data);
    frames.push(copy);
    // Every other frame is judged: the evidence is a share over the clip, and this halves the cost.
    frameCount++;
    if (frames.length <= gap || frameCount % 2 === 1) return;
    // Across a change of light (exposure stretch, flash) in-place and moved matches are both poor.
    const mOld = meanOf(frames[0] as GrayImage);
    const mCur = meanOf(copy);
    if (Math.abs(mCur - mOld) > 0.1 * Math.max(mCur, mOld) + 4) return;
    let total = IDENTITY;
    for (const p of pairs) {
      if (p === null) return; // a cut or a failed fit inside the gap: no evidence this frame
      total = compose(p, total);
    }
    judgeCells(frames[0] as GrayImage, copy, total, held, judged as Uint32Array, cols, rows);
  }

  return {
    push,
    result() {
      if (held === undefined || judged === undefined) return { heldFrac: 0, heldCells: 0, judgedCells: 0 };
      let judgedCells = 0;
      let maxJudged = 0;
      for (let i = 0; i < judged.length; i++) maxJudged = Math.max(maxJudged, judged[i] as number);
      const isHeld = new Uint8Array(judged.length);
      // Cells in the outer tenth of the frame are left out: a burned-in logo or a letterbox edge
      // is held on screen too, but it is not a subject the camera follows.
      const mx = Math.ceil(cols * 0.1);
      const my = Math.ceil(rows * 0.1);
      for (let i = 0; i < judged.length; i++) {
        const c = i % cols;
        const r = Math.floor(i / cols);
        if (c < mx || c >= cols - mx || r < my || r >= rows - my) continue;
        const j = judged[i] as number;
        // Cells judged in under a third of the best-judged cell's frames are left out (edges the
        // motion carries outside the old frame, flat patches).
        if (j < Math.max(3, maxJudged / 3)) continue;
        judgedCells++;
        if ((held[i] as number) >= HELD_SHARE * j) isHeld[i] = 1;
      }
      // A subject is one connected region; isolated held cells (noise, a clipped patch) are not.
      const heldCells = largestComponent(isHeld, cols, rows);
      return { heldFrac: judgedCells > 0 ? heldCells / judgedCells : 0, heldCells, judgedCells };
    },
  };
}

function meanOf(img: GrayImage): number {
  const d = img.data;
  // The empty test before the loop, not after it: a test first reached after the JIT compiled the
  // loop (on-stack) deoptimised this function on every call.
  if (d.length === 0) return 0;
  let s = 0;
  for (let i = 0; i < d.length; i++) s += d[i] as number;
  return s / d.length;
}

/** Size of the largest 8-connected set of flagged cells. */
function largestComponent(flags: Uint8Array, cols: number, rows: number): number {
  const seen = new Uint8Array(flags.length);
  let best = 0;
  const stack: number[] = [];
  for (let start = 0; start < flags.length; start++) {
    if (!flags[start] || seen[start]) continue;
    let size = 0;
    seen[start] = 1;
    stack.push(start);
    while (stack.length > 0) {
      const i = stack.pop() as number;
      size++;
      const c = i % cols;
      const r = Math.floor(i / cols);
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          const rr = r + dr;
          const cc = c + dc;
          if (rr < 0 || cc < 0 || rr >= rows || cc >= cols) continue;
          const k = rr * cols + cc;
          if (flags[k] && !seen[k]) {
            seen[k] = 1;
            stack.push(k);
          }
        }
      }
    }
    best = Math.max(best, size);
  }
  return best;
}

/** Compares each cell of `cur` with `old` in place and through the camera map `m` (old → cur). */
function judgeCells(
  old: GrayImage,
  cur: GrayImage,
  m: Affine,
  held: Uint32Array,
  judged: Uint32Array,
  cols: number,
  rows: number,
): void {
  const w = cur.width;
  const h = cur.height;
  const hx = w / 2;
  const hy = h / 2;
  // Inverse map cur → old.
  const det = m.m00 * m.m11 - m.m01 * m.m10;
  if (Math.abs(det) < 1e-6) return;
  const i00 = m.m11 / det;
  const i01 = -m.m01 / det;
  const i10 = -m.m10 / det;
  const i11 = m.m00 / det;
  const od = old.data;
  const cd = cur.data;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const x0 = c * CELL;
      const y0 = r * CELL;
      // Camera displacement at the cell centre over the gap.
      const px = x0 + CELL / 2 - hx;
      const py = y0 + CELL / 2 - hy;
      const sx = m.m00 * px + m.m01 * py + m.tx - px;
      const sy = m.m10 * px + m.m11 * py + m.ty - py;
      // Squares first (Math.hypot is a call and a heap number per cell); it decides near the bound only.
      const s2 = sx * sx + sy * sy;
      if (s2 < MIN_SHIFT_SQ_LOW || (s2 < MIN_SHIFT_SQ_HIGH && Math.hypot(sx, sy) < MIN_SHIFT_PX)) continue;
      let n = 0;
      let sumStill = 0;
      let sumCam = 0;
      let grad = 0;
      const dStill = STILL;
      const dCam = CAM;
      for (let y = y0; y < y0 + CELL; y++) {
        for (let x = x0; x < x0 + CELL; x++) {
          const qx = x - hx - m.tx;
          const qy = y - hy - m.ty;
          const ox = i00 * qx + i01 * qy + hx;
          const oy = i10 * qx + i11 * qy + hy;
          if (ox < 0 || oy < 0 || ox >= w - 1 || oy >= h - 1) continue;
          const v = cd[y * w + x] as number;
          const xi = Math.floor(ox);
          const yi = Math.floor(oy);
          const fx = ox - xi;
          const fy = oy - yi;
          const k = yi * w + xi;
          const p = od[k] as number;
          const q = od[k + 1] as number;
          const s = od[k + w] as number;
          const t = od[k + w + 1] as number;
          const camV = p + fx * (q - p) + fy * (s - p) + fx * fy * (p - q - s + t);
          dStill[n] = v - (od[y * w + x] as number);
          dCam[n] = v - camV;
          sumStill += dStill[n] as number;
          sumCam += dCam[n] as number;
          if (x + 1 < w && y + 1 < h) {
            grad +=
              Math.abs((cd[y * w + x + 1] as number) - v) + Math.abs((cd[(y + 1) * w + x] as number) - v);
          }
          n++;
        }
      }
      if (n < (CELL * CELL) / 2 || grad / n < 2) continue;
      // Per-pixel vote, offsets removed (a flash or an exposure drift shifts both alike): a pixel
      // is decisive when either match is clearly wrong, and votes "held" when the in-place match
      // is at least twice as good. A cell only partly covered by a narrow subject still shows a
      // clear majority among its decisive pixels, where a mean over the cell would be diluted.
      const ms = sumStill / n;
      const mc = sumCam / n;
      let decisive = 0;
      let votes = 0;
      for (let k = 0; k < n; k++) {
        const es = Math.abs((dStill[k] as number) - ms);
        const ec = Math.abs((dCam[k] as number) - mc);
        if (Math.max(es, ec) < MIN_CAMERA_ERROR * 2) continue;
        decisive++;
        if (es <= HELD_RATIO * ec) votes++;
      }
      if (decisive < n * 0.2) continue;
      const i = r * cols + c;
      judged[i] = (judged[i] as number) + 1;
      if (votes >= 0.5 * decisive) held[i] = (held[i] as number) + 1;
    }
  }
}

/** MIN_SHIFT_PX² widened by 1e-9 each way, far beyond the rounding of either computation. */
const MIN_SHIFT_SQ_LOW = MIN_SHIFT_PX * MIN_SHIFT_PX * (1 - 1e-9);
const MIN_SHIFT_SQ_HIGH = MIN_SHIFT_PX * MIN_SHIFT_PX * (1 + 1e-9);
const STILL = new Float32Array(CELL * CELL);
const CAM = new Float32Array(CELL * CELL);
