/**
 * Tracking evidence: is part of the picture held still on screen while the camera moves past the
 * rest? Frame to frame a slow tracking shot moves the background a fraction of a pixel — no better
 * than noise — so each frame is compared with an older one: the nearest back (up to `maxGapFrames`,
 * ≈ 2 s) across which the camera has moved the frame centre by `TARGET_SHIFT_PX` level-1 pixels.
 * The gap adapts to the camera's speed: a fast move is judged over a fraction of a second, so a
 * subject that distorts for a while, or a cut, spoils only the pairs that straddle it; a very slow
 * one (1 px/s at level 1 in portrait) still moves the background several pixels.
 *
 * On pyramid level 1, every 4×4 cell of the current frame is matched two ways against the old
 * frame: in place (a held subject) and through the camera motion composed over the gap (the
 * background). Per pixel, the clearly better match votes; a cell is *held* in that frame when in-
 * place votes win and its texture pins it there (in place beats every ±2 px shift by a gray level —
 * a uniform patch of a walker's body matches in place too, yet also anywhere nearby), *background* when camera
 * votes win, and neither otherwise (a distorting or articulating subject matches neither way).
 * Over the clip, a cell belongs to a held subject when held in ≥ 60 % of the frames that decided
 * it (held or background) and in ≥ 25 % of all frames that judged it; a walker crossing the frame,
 * heavy-compression "sticky" blocks and clipped highlights are not held that consistently.
 */
import type { GrayImage } from './image.ts';
import { copyIn, heapU8, kernels, region } from './kernels/wasm.ts';

const CELL = 4;
/** Camera displacement of the frame centre (level-1 px) the reference frame is chosen for. */
const TARGET_SHIFT_PX = 4;
/*
 * The per-cell judgement's constants live with its kernel (kernels/assembly/held-subject.ts):
 * MIN_SHIFT_PX = 1.5 — minimum camera displacement of a cell over the gap (level-1 px) for it to
 *   be judged;
 * VOTE_RATIO = 0.5 — a pixel votes held when its in-place error ≤ this × its camera-compensated
 *   error (and vice versa)…
 * MIN_CAMERA_ERROR = 3 — …among pixels where one of the two errors is at least 2× this (gray levels);
 * PIN_SHIFT_PX = 2 — shift (level-1 px) the in-place match must beat for a held vote to count
 *   (texture pins it)…
 * PIN_MARGIN = 1 — …by this much mean absolute error (gray levels): a uniform patch ties, noise
 *   decides nothing.
 */
/** Share of its deciding frames (held or background) a cell must be held in… */
const HELD_SHARE = 0.6;
/** …and share of all its judged frames. */
const HELD_MIN_SHARE = 0.25;

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

/** Per-cell tallies over the clip. */
type Tally = { held: Uint32Array; background: Uint32Array; judged: Uint32Array };

export function createHeldTracker(maxGapFrames: number): HeldTracker {
  const maxGap = Math.max(2, Math.round(maxGapFrames));
  // frames[k] → frames[k + 1] is pairs[k] (level-1 similarity, null where unreliable).
  const frames: GrayImage[] = [];
  const pairs: Array<Affine | null> = [];
  let tally: Tally | undefined;
  let cols = 0;
  let rows = 0;
  let frameCount = 0;

  function push(img: GrayImage, pair: PairSimilarity | null): void {
    if (tally === undefined) {
      cols = Math.floor(img.width / CELL);
      rows = Math.floor(img.height / CELL);
      const n = cols * rows;
      tally = { held: new Uint32Array(n), background: new Uint32Array(n), judged: new Uint32Array(n) };
    }
    if (frames.length > 0) {
      // Level-1 similarity (translation halves; a, b are scale-free).
      pairs.push(
        pair === null || !pair.reliable
          ? null
          : { m00: 1 + pair.a, m01: -pair.b, m10: pair.b, m11: 1 + pair.a, tx: pair.tx / 2, ty: pair.ty / 2 },
      );
    }
    const kept = frames.length > maxGap ? frames.shift() : undefined;
    if (pairs.length > maxGap) pairs.shift();
    const copy =
      kept && kept.width === img.width && kept.height === img.height
        ? kept
        : { width: img.width, height: img.height, data: new Float32Array(img.data.length) };
    copy.data.set(img.data);
    frames.push(copy);
    // Every third frame is judged: the evidence is a share over the clip, and this thirds the cost
    // (on the 5 eval sets every other frame separated tracking from pans no better).
    frameCount++;
    if (frames.length < 2 || frameCount % 3 !== 0) return;
    // The nearest reference frame the camera has moved far enough from.
    let total = IDENTITY;
    let ref = -1;
    for (let k = pairs.length - 1; k >= 0; k--) {
      const p = pairs[k];
      if (p === null || p === undefined) return; // a cut or a failed fit inside the gap: no evidence
      total = compose(total, p);
      ref = k;
      if (Math.hypot(total.tx, total.ty) >= TARGET_SHIFT_PX) break;
    }
    const old = frames[ref];
    if (old === undefined) return;
    // Across a change of light (exposure stretch, flash) in-place and moved matches are both poor.
    const mOld = meanOf(old);
    const mCur = meanOf(copy);
    if (Math.abs(mCur - mOld) > 0.1 * Math.max(mCur, mOld) + 4) return;
    judgeCells(old, copy, total, tally, cols, rows);
  }

  return {
    push,
    result() {
      if (tally === undefined) return { heldFrac: 0, heldCells: 0, judgedCells: 0 };
      const { held, background, judged } = tally;
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
        const h = held[i] as number;
        // Frames where neither match wins (the subject distorting, a limb swinging) do not count
        // against a cell; frames where the camera's match wins do.
        if (h >= HELD_SHARE * (h + (background[i] as number)) && h >= HELD_MIN_SHARE * j) isHeld[i] = 1;
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

/**
 * Compares each cell of `cur` with `old` in place and through the camera map `m` (old → cur) and
 * adds its verdict to `tally`. The per-pixel work runs in WebAssembly (kernels/assembly/
 * held-subject.ts, bit-identical to the TypeScript it replaced): per cell whose camera shift is at
 * least `MIN_SHIFT_PX`, the in-place and camera-compensated differences (offsets removed), the
 * votes, and the pin test against the ±`PIN_SHIFT_PX` shifts (constants mirrored there).
 */
function judgeCells(
  old: GrayImage,
  cur: GrayImage,
  m: Affine,
  tally: Tally,
  cols: number,
  rows: number,
): void {
  const size = cur.width * cur.height;
  const po = region('held.old', size * 4);
  const pc = region('held.cur', size * 4);
  const pv = region('held.verdicts', cols * rows);
  copyIn(po, old.data);
  copyIn(pc, cur.data);
  kernels.judgeCells(po, pc, cur.width, cur.height, m.m00, m.m01, m.m10, m.m11, m.tx, m.ty, cols, rows, pv);
  const verdicts = heapU8();
  for (let i = 0; i < cols * rows; i++) {
    const v = verdicts[pv + i] as number;
    if (v === VERDICT_NONE) continue;
    tally.judged[i] = (tally.judged[i] as number) + 1;
    if (v === VERDICT_HELD) tally.held[i] = (tally.held[i] as number) + 1;
    else if (v === VERDICT_BACKGROUND) tally.background[i] = (tally.background[i] as number) + 1;
  }
}

/** The kernel's per-cell verdicts (not judged; judged; judged held; judged background). */
const VERDICT_NONE = 0;
const VERDICT_HELD = 2;
const VERDICT_BACKGROUND = 3;
