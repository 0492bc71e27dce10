/**
 * `--expect`: does the measured camera match the requested intent? Move must match (a measured
 * `tracking` whose background moved like the requested pan/tilt — or the reverse — counts, at 0.8);
 * speed scores 1 in band, 0.5 one band off, 0 two bands off; an intent without a speed (static)
 * matches any speed.
 */
import type { AnalysisResult, MeasuredCamera } from '../contract/analysis.ts';
import type { CameraSpeed, StructuredMove } from '../contract/camera-move.ts';

const BAND: Record<CameraSpeed, number> = { slow: 0, medium: 1, fast: 2 };

export type IntentMatch = NonNullable<AnalysisResult['intent_match']>;

/** Compares an expected structured move with the measured camera. */
export function intentMatch(
  expected: Pick<StructuredMove, 'move' | 'speed'> & { modifiers?: readonly string[] | undefined },
  measured: MeasuredCamera,
): IntentMatch {
  const exact = expected.move === measured.move;
  const viaTracking =
    (measured.move === 'tracking' && (measured.modifiers ?? []).includes(expected.move)) ||
    (expected.move === 'tracking' && /^(pan|tilt)_/.test(measured.move));
  const moveMatch = exact || viaTracking;
  let speedScore = 1;
  if (expected.speed !== null && measured.speed !== null) {
    const off = Math.abs(BAND[expected.speed] - BAND[measured.speed]);
    speedScore = off === 0 ? 1 : off === 1 ? 0.5 : 0;
  } else if (expected.speed !== null && measured.speed === null) {
    speedScore = 0;
  }
  const speedMatch = speedScore === 1;
  const score = moveMatch ? (exact ? 1 : 0.8) * speedScore : 0;
  return {
    expected: { move: expected.move, speed: expected.speed },
    move_match: moveMatch,
    speed_match: speedMatch,
    score: Math.round(score * 1000) / 1000,
  };
}
