/**
 * Plans the repairs for a clip's findings: one keep window (trim/cut) shared by every check, plus
 * post fixes. Produces the reasons, the concrete edits, and each check's score impact.
 */
import type { RubricCheckName, RubricEdit, RubricReason } from '../contract/verdict.ts';
import type { Finding } from './findings.ts';
import { type FrameWindow, frameRange, longestCleanWindow, windowLength } from './keep-window.ts';
import { type JudgeThresholds, POST_FIX_IMPACT, TRIM_IMPACT, UNFIXABLE_IMPACT } from './thresholds.ts';

export type RepairPlan = {
  reasons: RubricReason[];
  edits: RubricEdit[];
  /** Score impact per check (sum of its findings' impacts). */
  impact: Record<RubricCheckName, number>;
  /** Checks with a failed hard rule. */
  failed: Set<RubricCheckName>;
};

const fmt = (value: number) => value.toFixed(2);
const pct = (fraction: number) => `${Math.round(fraction * 100)}%`;

function postFixEdit(finding: Finding, frames: number): RubricEdit {
  const whole = finding.startFrame === 0 && finding.endFrame >= frames - 1;
  const where = whole ? '' : ` frames ${frameRange(finding.startFrame, finding.endFrame)}`;
  const text =
    finding.action === 'stabilise'
      ? `stabilise${where}: mild shake`
      : `${finding.action}${where}: ${finding.code}`;
  return {
    action: finding.action ?? 'stabilise',
    start_frame: finding.startFrame,
    end_frame: finding.endFrame,
    text,
  };
}

function codesIn(findings: readonly Finding[], start: number, end: number): string[] {
  const codes = findings
    .filter((f) => f.treatment === 'remove' && f.code !== 'cut' && f.endFrame >= start && f.startFrame <= end)
    .map((f) => f.code);
  return [...new Set(codes)];
}

/** The trim/cut edits that keep `window` out of `frames` frames. */
function windowEdits(
  window: FrameWindow,
  frames: number,
  findings: readonly Finding[],
  cuts: Set<number>,
): RubricEdit[] {
  const keep = { start_frame: window.start, end_frame: window.end };
  const keepText = `keep frames ${frameRange(window.start, window.end)}`;
  const edits: RubricEdit[] = [];
  const removed: [number, number, 'lead' | 'tail'][] = [];
  if (window.start > 0) removed.push([0, window.start - 1, 'lead']);
  if (window.end < frames - 1) removed.push([window.end + 1, frames - 1, 'tail']);
  for (const [start, end, side] of removed) {
    const codes = codesIn(findings, start, end);
    const cutAt = side === 'lead' ? window.start : window.end + 1;
    if (codes.length === 0 && cuts.has(cutAt)) {
      edits.push({
        action: 'cut',
        start_frame: start,
        end_frame: end,
        keep,
        text: `cut at frame ${cutAt}: ${keepText}`,
      });
    } else {
      const why = codes.length > 0 ? codes.join(', ') : 'cut';
      edits.push({
        action: 'trim',
        start_frame: start,
        end_frame: end,
        keep,
        text: `trim frames ${frameRange(start, end)}: ${why}`,
      });
    }
  }
  return edits;
}

/** Plans repairs for `findings` in a clip of `frames` frames. */
export function planRepairs(findings: readonly Finding[], frames: number, t: JudgeThresholds): RepairPlan {
  const plan: RepairPlan = {
    reasons: [],
    edits: [],
    impact: { temporal_continuity: 0, subject_integrity: 0, camera_intent_match: 0 },
    failed: new Set(),
  };
  const removable = findings.filter((f) => f.treatment === 'remove');
  const cuts = new Set(removable.filter((f) => f.code === 'cut').map((f) => f.startFrame));
  const window = longestCleanWindow(
    frames,
    removable.filter((f) => f.code !== 'cut').map((f) => ({ start: f.startFrame, end: f.endFrame })),
    [...cuts],
  );
  const keptFraction = frames > 0 ? windowLength(window) / frames : 0;
  const trimOk = removable.length === 0 || keptFraction >= t.min_keep_fraction;
  const windowText =
    window === null
      ? 'no clean frames remain'
      : `the longest clean stretch is frames ${frameRange(window.start, window.end)}`;

  for (const f of findings) {
    const range = frameRange(f.startFrame, f.endFrame);
    const base = { check: f.check, metric: f.code, start_frame: f.startFrame, end_frame: f.endFrame };
    if (f.treatment === 'post_fix') {
      plan.impact[f.check] += POST_FIX_IMPACT * f.severity;
      plan.edits.push(postFixEdit(f, frames));
      plan.reasons.push({
        ...base,
        effect: 'edit',
        value: f.severity,
        threshold: t.max_fixable_severity,
        threshold_name: 'max_fixable_severity',
        message: `${f.code} frames ${range}: severity ${fmt(f.severity)} ≤ fixable ${fmt(t.max_fixable_severity)} → ${f.action}`,
      });
    } else if (f.treatment === 'unfixable') {
      plan.impact[f.check] += UNFIXABLE_IMPACT + UNFIXABLE_IMPACT * f.severity;
      plan.failed.add(f.check);
      plan.reasons.push({
        ...base,
        effect: 'fail',
        value: f.severity,
        threshold: null,
        message: `${f.code} frames ${range}: ${f.message ?? 'cannot be repaired by editing'}`,
      });
    } else {
      const what =
        f.code === 'cut'
          ? `cut at frame ${f.startFrame}`
          : `${f.code} frames ${range} (severity ${fmt(f.severity)})`;
      plan.reasons.push({
        ...base,
        effect: trimOk ? 'edit' : 'fail',
        value: Number(keptFraction.toFixed(4)),
        threshold: t.min_keep_fraction,
        threshold_name: 'min_keep_fraction',
        message: trimOk
          ? `${what}: removed by editing, keeping ${pct(keptFraction)} of frames ≥ ${pct(t.min_keep_fraction)}`
          : `${what} cannot be edited out: ${windowText} (${pct(keptFraction)} of frames < ${pct(t.min_keep_fraction)})`,
      });
      if (!trimOk) {
        plan.failed.add(f.check);
        plan.impact[f.check] += UNFIXABLE_IMPACT + UNFIXABLE_IMPACT * f.severity;
      }
    }
  }
  if (trimOk && window !== null && removable.length > 0) {
    plan.edits.unshift(...windowEdits(window, frames, findings, cuts));
    for (const check of new Set(removable.map((f) => f.check)))
      plan.impact[check] += TRIM_IMPACT * (1 - keptFraction);
  }
  return plan;
}
