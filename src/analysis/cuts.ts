/**
 * Hard cuts. A pair is a cut when, after compensating the camera motion, the two frames no longer
 * correlate (1 − NCC is high, on the fine level with the fitted similarity and on the coarse level
 * with the best shift — the coarse one survives motion blur, so fast and whip pans still match),
 * when that dissimilarity stands out from its neighbours (a local adaptive threshold: a whip pan
 * or heavy compression raises the whole neighbourhood), when no centred zoom explains it (a zoom
 * jump is not a cut), and when the change persists: a frame before it does not match a frame after
 * it (`bridgeNcc`), which rejects flashes and single glitched frames. NCC itself ignores global
 * gain and offset, so exposure ramps and flicker do not score.
 */
import { type ClipContext, median } from './clip-context.ts';
import { isFlat, lightJump, mostlyClippedFrames } from './exposure.ts';
import { pairScore } from './features.ts';

export type Cut = { frame: number; score: number };

const NEIGHBOURHOOD = 6;
/**
 * Motion-compensated NCC below which the fine match has failed outright: no non-cut pair outside
 * zoom jumps and flat/clipped frames read below 0.46 on five eval sets (1400 clips), cuts ≤ 0.34.
 */
const FINE_FAILED_NCC = 0.35;
/** …then the minimum cut score drops by this much (coarse likeness up to 0.65 is not continuity). */
const WEAK_COARSE_ALLOWANCE = 0.1;

/** Detects hard cuts; `frame` is the first frame of the new shot. */
export function detectCuts(ctx: Omit<ClipContext, 'cutFrames'>): Cut[] {
  const { records, thresholds: t } = ctx;
  const scores = records.map((r) => (r.hasPrev ? pairScore(r) : 0));
  const clipped = mostlyClippedFrames(records);
  const found: Cut[] = [];
  for (let i = 1; i < records.length; i++) {
    const r = records[i];
    const score = scores[i] as number;
    if (!r) continue;
    // The coarse NCC is a best over ±32 px of shifts, and unrelated views of one kind of texture
    // (another part of the same photo) reach ~0.6 there; once the fine, motion-compensated match
    // has failed outright under steady light, that much coarse likeness is no continuity.
    const before = records[i - 1];
    const fineFailed = r.mcNcc < FINE_FAILED_NCC && before !== undefined && !lightJump(before, r);
    if (score < (fineFailed ? t.cutMinScore - WEAK_COARSE_ALLOWANCE : t.cutMinScore)) continue;
    const around: number[] = [];
    for (let k = Math.max(1, i - NEIGHBOURHOOD); k <= Math.min(records.length - 1, i + NEIGHBOURHOOD); k++) {
      if (Math.abs(k - i) > 1) around.push(scores[k] as number);
    }
    const local = around.length > 0 ? median(around) : 0;
    if (score < local * t.cutLocalFactor || score < local + t.cutLocalMargin) continue;
    if (r.bridgeNcc >= t.cutBridgeNcc) continue;
    // Into or out of a black, washed-out or mostly clipped frame is an exposure defect, not a
    // change of shot: the little texture a near-white frame keeps does not correlate with anything.
    if (isFlat(r) || clipped[i] || (before && (isFlat(before) || clipped[i - 1]))) continue;
    if (r.zoomNcc > 1 - t.cutMinScore && Math.abs(r.zoomLogScale) > 0.01) continue;
    const last = found[found.length - 1];
    if (last && r.index - last.frame <= 2) {
      if (score > last.score) found[found.length - 1] = { frame: r.index, score };
      continue;
    }
    found.push({ frame: r.index, score: Math.min(1, score) });
  }
  return found;
}
