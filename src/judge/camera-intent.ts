/**
 * Camera-intent match: the requested structured move (from the request's camera intent) against the
 * move the analyser measured. Move must match; speed within the band scores 1, one band off is a
 * partial (`speed_one_band_score`, repairable by retiming), two bands off fails.
 */
import type { MeasuredCamera } from '../contract/analysis.ts';
import { type CameraSpeed, type StructuredMove, speedForRate, typicalRate } from '../contract/camera-move.ts';
import type { RubricEdit, RubricReason } from '../contract/verdict.ts';
import { frameRange } from './keep-window.ts';
import { type JudgeThresholds, SPEED_TWO_BANDS_SCORE } from './thresholds.ts';

export type CameraJudgement = {
  score: number;
  failed: boolean;
  reasons: RubricReason[];
  edits: RubricEdit[];
};

const BAND_INDEX: Record<CameraSpeed, number> = { slow: 0, medium: 1, fast: 2 };

function measuredSpeed(measured: MeasuredCamera): CameraSpeed | null {
  if (measured.speed !== null) return measured.speed;
  return measured.rate === undefined ? null : speedForRate(measured.move, measured.rate);
}

/** Judges the camera against the requested move over frames [0, frames). */
export function judgeCameraIntent(
  requested: StructuredMove | null,
  measured: MeasuredCamera,
  frames: number,
  t: JudgeThresholds,
): CameraJudgement {
  const whole = { start_frame: 0, end_frame: Math.max(0, frames - 1) };
  const range = frameRange(whole.start_frame, whole.end_frame);
  const reasons: RubricReason[] = [];
  const edits: RubricEdit[] = [];
  const reason = (r: Omit<RubricReason, 'check' | 'start_frame' | 'end_frame'>) =>
    reasons.push({ check: 'camera_intent_match', ...whole, ...r });

  if (requested === null) {
    reason({
      effect: 'note',
      metric: 'camera_move',
      value: measured.move,
      threshold: null,
      message: 'no camera intent requested; measured move not judged',
    });
    return { score: 1, failed: false, reasons, edits };
  }
  if (requested.move !== measured.move) {
    reason({
      effect: 'fail',
      metric: 'camera_move',
      value: measured.move,
      threshold: requested.move,
      message: `camera_move frames ${range}: measured ${measured.move} (confidence ${measured.confidence.toFixed(2)}) ≠ requested ${requested.move}`,
    });
    return { score: 0, failed: true, reasons, edits };
  }

  let score = 1;
  let failed = false;
  const got = measuredSpeed(measured);
  if (requested.speed !== null && got !== null && requested.move !== 'static') {
    const bands = Math.abs(BAND_INDEX[got] - BAND_INDEX[requested.speed]);
    const rateText = measured.rate === undefined ? '' : ` (rate ${measured.rate.toFixed(3)})`;
    if (bands === 1) {
      score = t.speed_one_band_score;
      const measuredRate =
        measured.rate !== undefined && measured.rate !== 0
          ? Math.abs(measured.rate)
          : typicalRate(measured.move, got);
      const factor = Number((typicalRate(requested.move, requested.speed) / measuredRate).toFixed(2));
      edits.push({
        action: 'retime',
        factor,
        text: `retime ×${factor}: camera measured ${got}, requested ${requested.speed}`,
      });
      reason({
        effect: 'edit',
        metric: 'camera_speed',
        value: got,
        threshold: requested.speed,
        threshold_name: 'speed_one_band_score',
        message: `camera_speed frames ${range}: measured ${got}${rateText}, requested ${requested.speed} — one band off, partial score ${score.toFixed(2)}`,
      });
    } else if (bands === 2) {
      score = SPEED_TWO_BANDS_SCORE;
      failed = true;
      reason({
        effect: 'fail',
        metric: 'camera_speed',
        value: got,
        threshold: requested.speed,
        message: `camera_speed frames ${range}: measured ${got}${rateText}, requested ${requested.speed} — two bands off`,
      });
    }
  }
  if (measured.confidence < t.min_camera_confidence) {
    score *= measured.confidence / t.min_camera_confidence;
    reason({
      effect: 'note',
      metric: 'camera_confidence',
      value: measured.confidence,
      threshold: t.min_camera_confidence,
      threshold_name: 'min_camera_confidence',
      message: `camera classifier confidence ${measured.confidence.toFixed(2)} < ${t.min_camera_confidence.toFixed(2)}: score scaled down`,
    });
  }
  return { score, failed, reasons, edits };
}
