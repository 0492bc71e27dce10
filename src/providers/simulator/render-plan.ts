/**
 * Pure: a request → the synth spec the simulator renders, plus what it injected and why.
 * The scene comes from the identity layer (same subject/prompt/reference ⇒ same place, so a
 * motion_score sweep changes only what it should); the take (subject path, artifact timing) from the
 * take seed; the camera from the parsed intent; artifacts from how far motion_score is past the
 * sweet spot.
 */
import type { StructuredMove } from '../../contract/camera-move.ts';
import type { VideoRequest } from '../../contract/request.ts';
import { createRng, type Rng } from '../../synth/rng.ts';
import type { SynthArtifact, SynthSpec } from '../../synth/spec.ts';
import { TEXTURE_KINDS } from '../../synth/texture.ts';

const SHORT_SIDE_PX: Record<VideoRequest['output']['resolution'], number> = {
  '480p': 480,
  '540p': 540,
  '720p': 720,
  '1080p': 1080,
};

/** libx264 crf of simulated clips: x264's default, typical of delivered provider clips. */
export const SIM_CRF = 23;

/** Motion-score points past the sweet spot at which artifacts reach full strength. */
export const FULL_SEVERITY_EXCESS = 4;

export type RenderSize = {
  width: number;
  height: number;
  requestedWidth: number;
  requestedHeight: number;
  /** True when the render is smaller than the requested resolution (see settings: render short side). */
  capped: boolean;
};

const even = (v: number): number => Math.max(2, Math.round(v / 2) * 2);

/** Requested pixel size from resolution + aspect, and the render size capped to `shortSideCapPx`. */
export function renderSize(output: VideoRequest['output'], shortSideCapPx: number): RenderSize {
  const [a, b] = output.aspect.split(':').map(Number) as [number, number];
  const landscape = a >= b;
  const short = SHORT_SIDE_PX[output.resolution];
  const size = (s: number) =>
    landscape ? { width: even((s * a) / b), height: even(s) } : { width: even(s), height: even((s * b) / a) };
  const requested = size(short);
  const rendered = size(Math.min(short, shortSideCapPx));
  return {
    width: rendered.width,
    height: rendered.height,
    requestedWidth: requested.width,
    requestedHeight: requested.height,
    capped: rendered.width < requested.width,
  };
}

export type MotionExcess = {
  motionScore: number;
  sweetSpot: number;
  /** 0 at or below the sweet spot, 1 at FULL_SEVERITY_EXCESS points past it. */
  severity: number;
};

export function motionExcess(motionScore: number, sweetSpot: number): MotionExcess {
  const severity = Math.max(0, Math.min(1, (motionScore - sweetSpot) / FULL_SEVERITY_EXCESS));
  return { motionScore, sweetSpot, severity };
}

function window(rng: Rng, frames: number, fraction: number): { startFrame: number; endFrame: number } {
  const length = Math.max(2, Math.round(frames * Math.min(1, fraction)));
  const startFrame = Math.floor(rng() * Math.max(1, frames - length));
  return { startFrame, endFrame: Math.min(frames - 1, startFrame + length - 1) };
}

/**
 * Artifacts for a take: none at or below the sweet spot; past it shake, subject distortion and
 * flicker appear with strength and duration growing with severity, and a cut or a freeze becomes
 * likely (probability 0.9·severity²). Draws are always made in the same order, so a severity
 * change never reshuffles the timing of the other artifacts.
 */
export function motionArtifacts(severity: number, frames: number, fps: number, rng: Rng): SynthArtifact[] {
  const shakeAt = window(rng, frames, 0.3 + 0.6 * severity);
  const distortAt = window(rng, frames, 0.4 + 0.5 * severity);
  const flickerAt = window(rng, frames, 0.2 + 0.5 * severity);
  const eventRoll = rng();
  const eventKind = rng() < 0.5 ? 'cut' : 'freeze';
  const eventFrame = Math.round(frames * (0.3 + 0.4 * rng()));
  const freezeFrames = Math.max(2, Math.round(fps * (0.3 + 0.5 * severity)));
  if (severity <= 0) return [];
  const artifacts: SynthArtifact[] = [
    { kind: 'shake', ...shakeAt, strength: 0.2 + 0.8 * severity },
    { kind: 'subject_distortion', ...distortAt, strength: severity },
  ];
  if (severity > 0.2) artifacts.push({ kind: 'flicker', ...flickerAt, strength: severity });
  if (eventRoll < 0.9 * severity ** 2 && frames >= 6) {
    const startFrame = Math.max(1, Math.min(frames - 2, eventFrame));
    artifacts.push(
      eventKind === 'cut'
        ? { kind: 'cut', startFrame, strength: 1 }
        : {
            kind: 'freeze',
            startFrame,
            endFrame: Math.min(frames - 1, startFrame + freezeFrames - 1),
            strength: 1,
          },
    );
  }
  return artifacts;
}

export type SimRenderPlan = {
  spec: SynthSpec;
  size: RenderSize;
  motion: MotionExcess;
  /** Why the scene looks the way it does. */
  scene: {
    source: 'reference_image' | 'procedural';
    texture?: string | undefined;
    note?: string | undefined;
  };
};

export type SimRenderInput = {
  request: VideoRequest;
  move: StructuredMove;
  sceneSeed: number;
  takeSeed: number;
  sweetSpot: number;
  renderShortSidePx: number;
  /** A readable local reference image, when the request has one. */
  imageFile?: string | undefined;
  /** Why a reference image was not used (URL, …), for the ground truth. */
  imageNote?: string | undefined;
};

/** Builds the synth spec for one simulated take. */
export function planSimRender(input: SimRenderInput): SimRenderPlan {
  const { request, move } = input;
  const size = renderSize(request.output, input.renderShortSidePx);
  const fps = request.output.fps;
  const durationS = request.output.duration_s;
  const frames = Math.max(1, Math.round(durationS * fps));
  const rng = createRng(input.takeSeed);
  const motion = motionExcess(request.motion.motion_score, input.sweetSpot);
  const tracking = move.move === 'tracking';
  // The subject walks faster as motion_score rises (a "more motion" knob that works below the spot too).
  // Under a pan it walks against the camera turn, so it can never stay put in frame and turn a pan
  // into what looks like a tracking shot.
  const coin = rng() < 0.5 ? -1 : 1;
  const direction = move.move === 'pan_right' ? -1 : move.move === 'pan_left' ? 1 : coin;
  const walkSpeed = direction * (0.01 + 0.008 * motion.motionScore);
  const startX = Math.max(0.2, Math.min(0.8, 0.5 - (walkSpeed * durationS) / 2));
  const subjectSize = 0.35 + 0.1 * rng();
  const texture = TEXTURE_KINDS[input.sceneSeed % TEXTURE_KINDS.length] ?? 'terrain';
  const artifacts = motionArtifacts(motion.severity, frames, fps, rng);
  const spec: SynthSpec = {
    seed: input.sceneSeed,
    width: size.width,
    height: size.height,
    fps,
    durationS,
    camera: {
      move: move.move,
      speed: move.speed ?? 'medium',
      ...(tracking ? { trackingDirection: move.modifiers.includes('left') ? 'right' : 'left' } : {}),
    },
    scene: input.imageFile !== undefined ? { imageFile: input.imageFile } : { texture },
    subject: tracking
      ? { size: subjectSize, motion: 'held', start: { x: 0.5, y: 0.6 } }
      : { size: subjectSize, motion: 'walk', speed: walkSpeed, start: { x: startX, y: 0.6 } },
    artifacts,
    crf: SIM_CRF,
  };
  return {
    spec,
    size,
    motion,
    scene:
      input.imageFile !== undefined
        ? { source: 'reference_image' }
        : { source: 'procedural', texture, ...(input.imageNote ? { note: input.imageNote } : {}) },
  };
}
