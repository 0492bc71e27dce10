/**
 * A scripted analyser for benchmarks and runner tests: it measures nothing. It reports the camera
 * move the request asked for and, above `cutAboveMotionScore`, a hard cut in the middle of the clip
 * (which the real judge fails), so runner logic (gating, failover) can be exercised at scale
 * without decoding video. Never used by the CLI.
 */
import { requestCameraMove } from '../camera/request-move.ts';
import type { AnalysisResult } from '../contract/analysis.ts';
import type { VideoRequest } from '../contract/request.ts';
import type { Analyser } from './runner-types.ts';

export type ScriptedAnalyserOptions = {
  /** Clips whose request motion_score is above this get a mid-clip cut. @default Infinity */
  cutAboveMotionScore?: number | undefined;
  /** Counts calls (benchmarks report it). */
  onCall?: (() => void) | undefined;
};

export function scriptedAnalyser(options: ScriptedAnalyserOptions = {}): Analyser {
  return async (_clip, { job }) => {
    options.onCall?.();
    const request = job.request as VideoRequest;
    const move = requestCameraMove(request);
    const fps = request.output.fps;
    const frames = Math.max(1, Math.round(request.output.duration_s * fps));
    const cut = request.motion.motion_score > (options.cutAboveMotionScore ?? Number.POSITIVE_INFINITY);
    const mid = Math.floor(frames / 2);
    const result: AnalysisResult = {
      camera: { move: move.move, speed: move.speed, confidence: 0.95 },
      cuts: cut ? [{ frame: mid, score: 1 }] : [],
      defects: cut
        ? [{ code: 'cut', start_frame: mid, end_frame: mid, severity: 1, message: 'scripted cut' }]
        : [],
      metrics: { cuts: cut ? 1 : 0, subject_consistency: 0.97 },
      video: { frames, fps, width: 320, height: 180, duration_s: request.output.duration_s },
    };
    return { result };
  };
}
