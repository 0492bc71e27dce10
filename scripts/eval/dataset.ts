/**
 * The labelled synthetic evaluation set, as pure data: a list of synth specs with ids and a
 * split. `tune` and `holdout` draw from disjoint textures, sizes and frame rates (and different
 * defect strengths), so tuning on `tune` cannot overfit what `holdout` measures.
 */
import { CAMERA_MOVES, type CameraMove, type CameraSpeed } from '../../src/contract/camera-move.ts';
import { between, createRng, type Rng } from '../../src/synth/rng.ts';
import type { SynthArtifact, SynthArtifactKind, SynthSpec } from '../../src/synth/spec.ts';
import type { TextureKind } from '../../src/synth/texture.ts';

export type EvalSplit = 'tune' | 'holdout';
export type EvalCategory = 'move' | 'static' | 'subject' | 'defect' | 'nuisance' | 'clean';
export type EvalItem = { id: string; split: EvalSplit; category: EvalCategory; spec: SynthSpec };

type SplitPool = {
  textures: TextureKind[];
  sizes: [number, number][];
  fps: number[];
  strengths: number[];
};

const POOLS: Record<EvalSplit, SplitPool> = {
  tune: {
    textures: ['terrain', 'urban', 'foliage'],
    sizes: [
      [480, 270],
      [360, 640],
      [400, 400],
    ],
    fps: [24, 30],
    strengths: [0.3, 0.6, 1],
  },
  holdout: {
    textures: ['interior', 'rock', 'market'],
    sizes: [
      [640, 360],
      [288, 512],
      [360, 360],
    ],
    fps: [25, 60],
    strengths: [0.4, 0.7, 0.95],
  },
};

/** Rates well inside each band (10 % away from its borders), in band units. */
const RATE_RANGES: Record<'translation' | 'scale' | 'roll', Record<CameraSpeed, [number, number]>> = {
  translation: { slow: [0.015, 0.054], medium: [0.066, 0.09], fast: [0.11, 0.2] },
  scale: { slow: [0.015, 0.054], medium: [0.066, 0.09], fast: [0.11, 0.18] },
  roll: { slow: [0.8, 2.25], medium: [2.75, 3.6], fast: [4.4, 8] },
};

function family(move: CameraMove): 'translation' | 'scale' | 'roll' {
  if (move === 'push_in' || move === 'pull_out') return 'scale';
  if (move === 'roll_cw' || move === 'roll_ccw') return 'roll';
  return 'translation';
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

const DEFECT_KINDS: SynthArtifactKind[] = [
  'shake',
  'flicker',
  'freeze',
  'zoom_jump',
  'blur',
  'underexposed',
  'overexposed',
  'black_frames',
  'subject_distortion',
];

/** Frame range for a defect inside a clip of `frames` frames. */
function defectRange(
  kind: SynthArtifactKind,
  frames: number,
  rng: Rng,
): { startFrame: number; endFrame: number } {
  const start = Math.round(frames * between(rng, 0.3, 0.45));
  const length =
    kind === 'zoom_jump'
      ? 0
      : kind === 'black_frames'
        ? Math.round(between(rng, 3, 6))
        : kind === 'freeze'
          ? Math.round(frames * between(rng, 0.12, 0.2))
          : Math.round(frames * between(rng, 0.25, 0.4));
  return { startFrame: start, endFrame: Math.min(frames - 2, start + length) };
}

/** Builds the whole set deterministically from a seed. */
export function buildEvalSet(seed: number): EvalItem[] {
  const items: EvalItem[] = [];
  for (const split of ['tune', 'holdout'] as const) {
    const pool = POOLS[split];
    const rng = createRng(seed * 2 + (split === 'tune' ? 0 : 1));
    let n = 0;
    const base = (durationS: number): Omit<SynthSpec, 'camera'> => {
      const [width, height] = pick(rng, pool.sizes);
      return {
        seed: Math.floor(rng() * 1e9),
        width,
        height,
        fps: pick(rng, pool.fps),
        durationS,
        scene: { texture: pick(rng, pool.textures) },
      };
    };
    const add = (category: EvalCategory, label: string, spec: SynthSpec): void => {
      n += 1;
      items.push({ id: `${split}-${String(n).padStart(3, '0')}-${label}`, split, category, spec });
    };
    const rateFor = (move: CameraMove, speed: CameraSpeed): number => {
      const [lo, hi] = RATE_RANGES[family(move)][speed];
      return between(rng, lo, hi);
    };
    // Every move at every speed; tracking always holds a subject, others sometimes carry a walker.
    for (const move of CAMERA_MOVES) {
      if (move === 'static') continue;
      for (const speed of ['slow', 'medium', 'fast'] as const) {
        const spec: SynthSpec = {
          ...base(3),
          camera: { move, rate: rateFor(move, speed), trackingDirection: rng() < 0.5 ? 'left' : 'right' },
        };
        if (move === 'tracking')
          spec.subject = { size: between(rng, 0.3, 0.6), motion: 'held', start: { x: 0.5, y: 0.55 } };
        else if (rng() < 0.4)
          spec.subject = { size: between(rng, 0.2, 0.4), motion: 'walk', speed: between(rng, -0.08, 0.08) };
        add('move', `${move}-${speed}`, spec);
      }
    }
    // Static camera: empty, small walker, large walker crossing the frame.
    add('static', 'static-empty', { ...base(3), camera: { move: 'static' } });
    for (const size of [0.25, 0.6]) {
      add('static', `static-walker-${size}`, {
        ...base(3),
        camera: { move: 'static' },
        subject: { size, motion: 'walk', speed: 0.15, start: { x: 0.2, y: 0.55 } },
      });
    }
    // Large subjects moving against a pan.
    for (const move of ['pan_left', 'pan_right'] as const) {
      add('subject', `${move}-large-subject`, {
        ...base(3),
        camera: { move, rate: rateFor(move, 'medium') },
        subject: { size: 0.6, motion: 'walk', speed: move === 'pan_left' ? 0.1 : -0.1 },
      });
    }
    // Each defect at the split's strengths, on a calm shot.
    for (const kind of DEFECT_KINDS) {
      for (const strength of pool.strengths) {
        const move: CameraMove = pick(rng, ['static', 'pan_right', 'pan_left', 'push_in'] as const);
        const spec: SynthSpec = { ...base(3), camera: { move, speed: 'slow' } };
        const frames = Math.round(spec.durationS * spec.fps);
        const artifact: SynthArtifact = { kind, strength, ...defectRange(kind, frames, rng) };
        spec.artifacts = [artifact];
        if (kind === 'subject_distortion') spec.subject = { size: 0.5, motion: 'walk', speed: 0.03 };
        add('defect', `${kind}-${strength}`, spec);
      }
    }
    // Hard cuts, including one inside a fast pan (must not be confused with the pan).
    for (const move of ['static', 'pan_right', 'tilt_down'] as const) {
      const spec: SynthSpec = { ...base(3), camera: { move, speed: move === 'static' ? 'slow' : 'fast' } };
      spec.artifacts = [
        {
          kind: 'cut',
          startFrame: Math.round(spec.durationS * spec.fps * between(rng, 0.35, 0.65)),
          strength: 1,
        },
      ];
      add('defect', `cut-${move}`, spec);
    }
    // Nuisances: look odd, are not defects.
    for (let k = 0; k < 2; k += 1) {
      const flash: SynthSpec = {
        ...base(3),
        camera: { move: pick(rng, ['static', 'pan_left'] as const), speed: 'slow' },
      };
      flash.artifacts = [
        { kind: 'flash', startFrame: Math.round(flash.fps * between(rng, 1, 2)), strength: 0.5 + 0.5 * k },
      ];
      add('nuisance', `flash-${k}`, flash);
      const ramp: SynthSpec = { ...base(3), camera: { move: 'pan_right', speed: 'slow' } };
      ramp.artifacts = [
        {
          kind: 'exposure_ramp',
          startFrame: 0,
          endFrame: Math.round(ramp.fps * 3) - 1,
          strength: 0.6 + 0.4 * k,
        },
      ];
      add('nuisance', `exposure-ramp-${k}`, ramp);
      const blurred: SynthSpec = {
        ...base(3),
        camera: { move: pick(rng, ['pan_left', 'pan_right'] as const), speed: 'fast' },
      };
      blurred.artifacts = [
        {
          kind: 'motion_blur',
          startFrame: 0,
          endFrame: Math.round(blurred.fps * 3) - 1,
          strength: 0.5 + 0.5 * k,
        },
      ];
      add('nuisance', `motion-blur-${k}`, blurred);
      add('nuisance', `heavy-compression-${k}`, {
        ...base(3),
        camera: { move: 'pan_left', speed: 'medium' },
        crf: 40 + 4 * k,
      });
      const parallax: SynthSpec = {
        ...base(3),
        camera: { move: pick(rng, ['pan_right', 'tilt_up', 'tracking'] as const), speed: 'medium' },
      };
      parallax.scene = { ...parallax.scene, parallax: { factor: 1.5 + 0.3 * k } };
      if (parallax.camera.move === 'tracking') parallax.subject = { size: 0.4, motion: 'held' };
      add('nuisance', `parallax-${k}`, parallax);
    }
    // Clean controls across moves.
    for (const move of ['static', 'pan_left', 'tilt_up', 'push_in', 'roll_ccw', 'tracking'] as const) {
      const spec: SynthSpec = { ...base(4), camera: { move, speed: pick(rng, ['slow', 'medium'] as const) } };
      if (move === 'tracking') spec.subject = { size: 0.45, motion: 'held' };
      add('clean', `clean-${move}`, spec);
    }
  }
  return items;
}
