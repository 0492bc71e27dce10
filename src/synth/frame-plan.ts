import type { DefectCode } from '../contract/analysis.ts';
import { createRng } from './rng.ts';
import type { SynthArtifact, SynthTruth } from './spec.ts';

/** Everything about one output frame except geometry. */
export type FramePlan = {
  /** Shot index (increments at each cut). */
  scene: number;
  /** Photometric transform v' = v·gain + offset. */
  gain: number;
  offset: number;
  black: boolean;
  blurPx: number;
  /** Shutter as a fraction of the frame interval; 0 = no motion blur. */
  shutter: number;
  /** Subject warp amplitude as a fraction of subject height; 0 = intact. */
  distortion: number;
  /** Repeat this earlier output frame instead of rendering (freeze); -1 = render. */
  freezeOf: number;
};

const DEFECT_OF: Partial<Record<SynthArtifact['kind'], DefectCode>> = {
  shake: 'shake',
  flicker: 'flicker',
  cut: 'cut',
  freeze: 'freeze',
  zoom_jump: 'zoom_jump',
  blur: 'blur',
  underexposed: 'underexposed',
  overexposed: 'overexposed',
  black_frames: 'black_frames',
  subject_distortion: 'subject_distortion',
};

function clampRange(a: SynthArtifact, frames: number): [number, number] {
  const start = Math.max(0, Math.min(frames - 1, Math.round(a.startFrame)));
  const end = Math.max(start, Math.min(frames - 1, Math.round(a.endFrame ?? a.startFrame)));
  return [start, end];
}

/** Pure: per-frame plans plus the truth lists (cuts, defects, nuisances) they imply. */
export function planFrames(
  artifacts: readonly SynthArtifact[],
  frames: number,
  width: number,
  seed: number,
): {
  plans: FramePlan[];
  cuts: number[];
  defects: SynthTruth['defects'];
  nuisances: SynthTruth['nuisances'];
} {
  const plans: FramePlan[] = Array.from({ length: frames }, () => ({
    scene: 0,
    gain: 1,
    offset: 0,
    black: false,
    blurPx: 0,
    shutter: 0,
    distortion: 0,
    freezeOf: -1,
  }));
  const rng = createRng(seed ^ 0xf11c);
  const cuts: number[] = [];
  const defects: SynthTruth['defects'] = [];
  const nuisances: SynthTruth['nuisances'] = [];
  const blurScale = width / 640;
  for (const artifact of artifacts) {
    const [start, end] = clampRange(artifact, frames);
    const s = Math.max(0, Math.min(1, artifact.strength));
    const code = DEFECT_OF[artifact.kind];
    if (code !== undefined) defects.push({ code, startFrame: start, endFrame: end, strength: s });
    else nuisances.push({ kind: artifact.kind, startFrame: start, endFrame: end, strength: s });
    if (artifact.kind === 'cut') {
      cuts.push(start);
      for (let i = start; i < frames; i += 1) (plans[i] as FramePlan).scene += 1;
      continue;
    }
    if (artifact.kind === 'exposure_ramp') {
      // A slow, monotone exposure drift that holds its final level: a nuisance, not flicker.
      const direction = rng() < 0.5 ? -1 : 1;
      for (let i = start; i < frames; i += 1) {
        const along = Math.min(1, (i - start) / Math.max(1, end - start));
        (plans[i] as FramePlan).gain *= 1 + direction * 0.3 * s * along;
      }
      continue;
    }
    for (let i = start; i <= end; i += 1) {
      const plan = plans[i] as FramePlan;
      const along = end === start ? 1 : (i - start) / (end - start);
      switch (artifact.kind) {
        case 'flicker': {
          const sign = (i - start) % 2 === 0 ? 1 : -1;
          plan.gain *= 1 + sign * (0.08 + 0.27 * s) * (0.7 + 0.3 * rng());
          break;
        }
        case 'underexposed':
          plan.gain *= 0.5 - 0.38 * s;
          plan.offset -= 6 * s;
          break;
        case 'overexposed':
          plan.gain *= 1.5 + 1.2 * s;
          plan.offset += 35 + 50 * s;
          break;
        case 'flash':
          plan.gain *= 1.4 + 0.6 * s;
          plan.offset += 40 + 80 * s;
          break;
        case 'black_frames':
          plan.black = true;
          break;
        case 'blur':
          plan.blurPx = Math.max(plan.blurPx, (1 + 5 * s) * blurScale);
          break;
        case 'motion_blur':
          plan.shutter = Math.max(plan.shutter, 0.5 + 0.5 * s);
          break;
        case 'subject_distortion':
          plan.distortion = Math.max(plan.distortion, (0.03 + 0.12 * s) * Math.min(1, 0.3 + along * 2));
          break;
        case 'freeze':
          plan.freezeOf = Math.max(0, start - 1);
          break;
        default:
          break;
      }
    }
  }
  cuts.sort((a, b) => a - b);
  return { plans, cuts, defects, nuisances };
}
