/**
 * Pure scoring of analyser output against synth ground truth. Cuts match within ±1 frame;
 * defects match when a prediction of the same code overlaps the true range (±2 frames).
 */
import type { AnalysisResult, DefectCode, GateResult } from '../../src/contract/analysis.ts';
import { CAMERA_MOVES } from '../../src/contract/camera-move.ts';
import type { LabelledClip } from './labels.ts';

export type ScoredClip = { clip: LabelledClip; result: AnalysisResult; gate: GateResult };

export const CUT_TOLERANCE_FRAMES = 1;
export const DEFECT_TOLERANCE_FRAMES = 2;

type Ratio = { hit: number; total: number };
export type PrecisionRecall = {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
};

export type SplitScore = {
  clips: number;
  movePerClass: Record<string, Ratio>;
  move: Ratio;
  speed: Ratio;
  cuts: PrecisionRecall;
  defects: Record<string, PrecisionRecall>;
  cleanZeroDefects: Ratio;
  nuisanceZeroDefects: Ratio;
  gate: Ratio;
  misses: string[];
};

function pr(tp: number, fp: number, fn: number): PrecisionRecall {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

/** Greedy one-to-one matching of predicted cut frames to true cut frames within the tolerance. */
export function matchCuts(
  truth: readonly number[],
  predicted: readonly number[],
): { tp: number; fp: number; fn: number } {
  const free = [...truth];
  let tp = 0;
  for (const frame of [...predicted].sort((a, b) => a - b)) {
    const index = free.findIndex((t) => Math.abs(t - frame) <= CUT_TOLERANCE_FRAMES);
    if (index >= 0) {
      free.splice(index, 1);
      tp += 1;
    }
  }
  return { tp, fp: predicted.length - tp, fn: free.length };
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start <= b.end + DEFECT_TOLERANCE_FRAMES && b.start <= a.end + DEFECT_TOLERANCE_FRAMES;
}

/** Per-code event matching: a true event is found if any same-code prediction overlaps it. */
export function matchDefects(
  truth: readonly { code: string; startFrame: number; endFrame: number }[],
  predicted: readonly { code: string; start_frame: number; end_frame: number }[],
  code: string,
): { tp: number; fp: number; fn: number } {
  const t = truth.filter((d) => d.code === code).map((d) => ({ start: d.startFrame, end: d.endFrame }));
  const p = predicted.filter((d) => d.code === code).map((d) => ({ start: d.start_frame, end: d.end_frame }));
  const found = t.filter((event) => p.some((q) => overlaps(event, q))).length;
  const correct = p.filter((q) => t.some((event) => overlaps(event, q))).length;
  return { tp: found, fp: p.length - correct, fn: t.length - found };
}

const SCORED_DEFECTS: DefectCode[] = [
  'shake',
  'flicker',
  'freeze',
  'zoom_jump',
  'blur',
  'underexposed',
  'overexposed',
  'black_frames',
  'subject_distortion',
  'too_short',
];

export function scoreSplit(scored: readonly ScoredClip[]): SplitScore {
  const movePerClass: Record<string, Ratio> = Object.fromEntries(
    CAMERA_MOVES.map((m) => [m, { hit: 0, total: 0 }]),
  );
  const move: Ratio = { hit: 0, total: 0 };
  const speed: Ratio = { hit: 0, total: 0 };
  const cut = { tp: 0, fp: 0, fn: 0 };
  const defectCounts = Object.fromEntries(SCORED_DEFECTS.map((c) => [c, { tp: 0, fp: 0, fn: 0 }]));
  const clean: Ratio = { hit: 0, total: 0 };
  const nuisance: Ratio = { hit: 0, total: 0 };
  const gate: Ratio = { hit: 0, total: 0 };
  const misses: string[] = [];
  for (const { clip, result, gate: verdict } of scored) {
    const truth = clip.truth;
    const cls = movePerClass[truth.camera.move] as Ratio;
    const moveOk = result.camera.move === truth.camera.move;
    cls.total += 1;
    move.total += 1;
    if (moveOk) {
      cls.hit += 1;
      move.hit += 1;
    } else misses.push(`${clip.id}: move ${result.camera.move} (truth ${truth.camera.move})`);
    if (truth.camera.speed !== null) {
      speed.total += 1;
      if (result.camera.speed === truth.camera.speed) speed.hit += 1;
      else
        misses.push(
          `${clip.id}: speed ${result.camera.speed} (truth ${truth.camera.speed}, rate ${truth.camera.rate.toFixed(3)})`,
        );
    }
    const c = matchCuts(
      truth.cuts,
      result.cuts.map((x) => x.frame),
    );
    cut.tp += c.tp;
    cut.fp += c.fp;
    cut.fn += c.fn;
    if (c.fp + c.fn > 0)
      misses.push(`${clip.id}: cuts [${result.cuts.map((x) => x.frame)}] (truth [${truth.cuts}])`);
    for (const code of SCORED_DEFECTS) {
      const d = matchDefects(truth.defects, result.defects, code);
      const acc = defectCounts[code] as { tp: number; fp: number; fn: number };
      acc.tp += d.tp;
      acc.fp += d.fp;
      acc.fn += d.fn;
      if (d.fp + d.fn > 0) misses.push(`${clip.id}: ${code} ${d.fn > 0 ? 'missed' : 'false alarm'}`);
    }
    const zero = result.defects.length === 0;
    if (truth.defects.length === 0) {
      const bucket = clip.category === 'nuisance' ? nuisance : clean;
      bucket.total += 1;
      if (zero) bucket.hit += 1;
      else
        misses.push(`${clip.id}: defects on a clean clip: ${result.defects.map((d) => d.code).join(', ')}`);
    }
    const expected = truth.defects.length === 0 && truth.durationS >= 2 ? 'accept' : 'reject';
    gate.total += 1;
    if (verdict.verdict === expected) gate.hit += 1;
    else misses.push(`${clip.id}: gate ${verdict.verdict} (expected ${expected})`);
  }
  const defects = Object.fromEntries(
    Object.entries(defectCounts).map(([code, v]) => [code, pr(v.tp, v.fp, v.fn)]),
  );
  return {
    clips: scored.length,
    movePerClass,
    move,
    speed,
    cuts: pr(cut.tp, cut.fp, cut.fn),
    defects,
    cleanZeroDefects: clean,
    nuisanceZeroDefects: nuisance,
    gate,
    misses,
  };
}

const pct = (r: Ratio): string =>
  (r.total === 0 ? '   n/a' : `${((100 * r.hit) / r.total).toFixed(1).padStart(5)}%`) +
  ` (${r.hit}/${r.total})`;
const f2 = (v: number): string => v.toFixed(2);

/** Plain-text report for one split. */
export function formatSplit(name: string, s: SplitScore): string {
  const lines = [`== ${name}: ${s.clips} clips ==`, 'camera move accuracy per move:'];
  for (const [move, r] of Object.entries(s.movePerClass))
    if (r.total > 0) lines.push(`  ${move.padEnd(10)} ${pct(r)}`);
  lines.push(`camera move accuracy (all): ${pct(s.move)}`);
  lines.push(`speed accuracy (moving clips): ${pct(s.speed)}`);
  lines.push(
    `cuts (±${CUT_TOLERANCE_FRAMES} frame): precision ${f2(s.cuts.precision)} recall ${f2(s.cuts.recall)} F1 ${f2(s.cuts.f1)} (tp ${s.cuts.tp}, fp ${s.cuts.fp}, fn ${s.cuts.fn})`,
  );
  lines.push('defects (event overlap ±2 frames):');
  for (const [code, v] of Object.entries(s.defects)) {
    lines.push(
      `  ${code.padEnd(18)} precision ${f2(v.precision)} recall ${f2(v.recall)} (tp ${v.tp}, fp ${v.fp}, fn ${v.fn})`,
    );
  }
  lines.push(
    `defect-free clips (moves, static, subjects, controls) with zero defects: ${pct(s.cleanZeroDefects)}`,
  );
  lines.push(
    `nuisance clips (flash, ramp, motion blur, crf, parallax) with zero defects: ${pct(s.nuisanceZeroDefects)}`,
  );
  const all = {
    hit: s.cleanZeroDefects.hit + s.nuisanceZeroDefects.hit,
    total: s.cleanZeroDefects.total + s.nuisanceZeroDefects.total,
  };
  lines.push(`false-alarm check, all defect-free clips with zero defects: ${pct(all)}`);
  lines.push(`gate accuracy: ${pct(s.gate)}`);
  return lines.join('\n');
}
