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
  /** Eight defect strengths per kind (≥ 8 events per defect per split). */
  strengths: number[];
};

const POOLS: Record<EvalSplit, SplitPool> = {
  tune: {
    textures: ['terrain', 'urban', 'foliage'],
    sizes: [
      [480, 270],
      [360, 640],
      [400, 400],
      [480, 270],
      [854, 480],
    ],
    fps: [24, 30, 24, 30, 15],
    strengths: [0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 1],
  },
  holdout: {
    textures: ['interior', 'rock', 'market'],
    sizes: [
      [640, 360],
      [288, 512],
      [360, 360],
      [640, 360],
      [1280, 720],
    ],
    fps: [25, 60, 25, 50, 25],
    strengths: [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95],
  },
};

/** Rates well inside each band (10 % away from its borders), in band units. */
export const RATE_RANGES: Record<'translation' | 'scale' | 'roll', Record<CameraSpeed, [number, number]>> = {
  translation: { slow: [0.015, 0.054], medium: [0.066, 0.09], fast: [0.11, 0.2] },
  scale: { slow: [0.015, 0.054], medium: [0.066, 0.09], fast: [0.11, 0.18] },
  roll: { slow: [0.8, 2.25], medium: [2.75, 3.6], fast: [4.4, 8] },
};

export function family(move: CameraMove): 'translation' | 'scale' | 'roll' {
  if (move === 'push_in' || move === 'pull_out') return 'scale';
  if (move === 'roll_cw' || move === 'roll_ccw') return 'roll';
  return 'translation';
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
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

/** Replaces the split pools' frame sizes and rates (both splits), e.g. for a set at other geometries. */
export type PoolOverride = { sizes?: [number, number][] | undefined; fps?: number[] | undefined };

/** Builds the whole set deterministically from a seed (and the override, when given). */
export function buildEvalSet(seed: number, override: PoolOverride = {}): EvalItem[] {
  const items: EvalItem[] = [];
  for (const split of ['tune', 'holdout'] as const) {
    const pool = {
      ...POOLS[split],
      ...(override.sizes ? { sizes: override.sizes } : {}),
      ...(override.fps ? { fps: override.fps } : {}),
    };
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
    /**
     * No subject, a rigid walker or an articulated one (limbs swinging), at a random size/speed.
     * On a pan the walker goes against the camera: one keeping pace with it stays put on screen,
     * which is a tracking shot, not the pan the label would say.
     */
    const maybeWalker = (p: number, move: CameraMove = 'static'): SynthSpec['subject'] => {
      if (rng() >= p) return undefined;
      const against = move === 'pan_right' ? -1 : move === 'pan_left' ? 1 : rng() < 0.5 ? -1 : 1;
      return {
        size: between(rng, 0.2, 0.6),
        motion: 'walk',
        speed: against * between(rng, 0.02, 0.12),
        gait: rng() < 0.5,
        start: { x: between(rng, 0.3, 0.7), y: between(rng, 0.5, 0.6) },
      };
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
          spec.subject = {
            size: between(rng, 0.3, 0.6),
            motion: 'held',
            gait: rng() < 0.5,
            start: { x: between(rng, 0.4, 0.6), y: 0.55 },
          };
        else spec.subject = maybeWalker(0.4, move);
        add('move', `${move}-${speed}`, spec);
      }
    }
    // Static camera: empty, walkers of several sizes (rigid and articulated) crossing the frame.
    add('static', 'static-empty', { ...base(3), camera: { move: 'static' } });
    for (const [size, gait] of [
      [0.25, false],
      [0.6, false],
      [0.35, true],
      [0.65, true],
    ] as const) {
      add('static', `static-walker-${size}${gait ? '-gait' : ''}`, {
        ...base(3),
        camera: { move: 'static' },
        subject: { size, motion: 'walk', speed: between(rng, 0.08, 0.16), gait, start: { x: 0.25, y: 0.55 } },
      });
    }
    // Large subjects moving against the camera (the fit must not follow them; speed must not inflate).
    for (const move of ['pan_left', 'pan_right', 'tilt_up', 'push_in'] as const) {
      const speed = pick(rng, ['slow', 'medium', 'fast'] as const);
      add('subject', `${move}-${speed}-large-subject`, {
        ...base(3),
        camera: { move, rate: rateFor(move, speed) },
        subject: {
          size: between(rng, 0.55, 0.7),
          motion: 'walk',
          speed: move === 'pan_left' ? 0.1 : -0.1,
          gait: rng() < 0.5,
        },
      });
    }
    // Each defect at the split's eight strengths, on varied shots. A freeze is only visible when
    // something moves (a re-encoded still scene repeats itself anyway), so freezes get a camera
    // move or a walker; a subject distortion needs a subject.
    for (const kind of DEFECT_KINDS) {
      for (const strength of pool.strengths) {
        const move: CameraMove = pick(rng, [
          'static',
          'pan_right',
          'pan_left',
          'push_in',
          'tilt_down',
        ] as const);
        const spec: SynthSpec = {
          ...base(3),
          camera: { move, speed: pick(rng, ['slow', 'medium'] as const) },
        };
        const frames = Math.round(spec.durationS * spec.fps);
        const artifact: SynthArtifact = { kind, strength, ...defectRange(kind, frames, rng) };
        spec.artifacts = [artifact];
        spec.subject = maybeWalker(0.35, move);
        if (kind === 'freeze' && move === 'static')
          spec.subject = { size: between(rng, 0.3, 0.6), motion: 'walk', speed: between(rng, 0.06, 0.14) };
        if (kind === 'subject_distortion') {
          // A subject held in frame while the camera moves is a tracking shot.
          const held = rng() < 0.25 && move !== 'static';
          if (held) spec.camera = { move: 'tracking', speed: spec.camera.speed };
          // On a pan the walker goes against the camera, as in `maybeWalker`: one keeping pace with
          // the pan stays put on screen (a tracking shot, not the pan the label says). Same draws as
          // before (only the sign is forced), so every other clip of a seed renders as it did.
          const against = move === 'pan_right' ? -1 : move === 'pan_left' ? 1 : 0;
          const size = between(rng, 0.35, 0.6);
          if (held) spec.subject = { size, motion: 'held' };
          else {
            const drawn = between(rng, -0.06, 0.06);
            spec.subject = {
              size,
              motion: 'walk',
              speed: against === 0 ? drawn : against * Math.abs(drawn),
              gait: rng() < 0.3,
            };
          }
        }
        add('defect', `${kind}-${strength}`, spec);
      }
    }
    // Hard cuts: on static and moving shots (fast pans and tilts must not read as cuts), with and
    // without a subject.
    for (const move of [
      'static',
      'pan_right',
      'tilt_down',
      'pan_left',
      'push_in',
      'static',
      'tracking',
      'roll_cw',
    ] as const) {
      const spec: SynthSpec = {
        ...base(3),
        camera: { move, speed: move === 'static' ? 'slow' : pick(rng, ['slow', 'medium', 'fast'] as const) },
      };
      spec.subject =
        move === 'tracking' ? { size: between(rng, 0.35, 0.55), motion: 'held' } : maybeWalker(0.4, move);
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
    for (let k = 0; k < 3; k += 1) {
      const flash: SynthSpec = {
        ...base(3),
        camera: { move: pick(rng, ['static', 'pan_left', 'push_in'] as const), speed: 'slow' },
      };
      flash.artifacts = [
        { kind: 'flash', startFrame: Math.round(flash.fps * between(rng, 1, 2)), strength: 0.4 + 0.3 * k },
      ];
      flash.subject = maybeWalker(0.4, flash.camera.move);
      add('nuisance', `flash-${k}`, flash);
      const ramp: SynthSpec = {
        ...base(3),
        camera: { move: pick(rng, ['pan_right', 'static', 'tilt_up'] as const), speed: 'slow' },
      };
      ramp.artifacts = [
        {
          kind: 'exposure_ramp',
          startFrame: 0,
          endFrame: Math.round(ramp.fps * 3) - 1,
          strength: 0.5 + 0.25 * k,
        },
      ];
      add('nuisance', `exposure-ramp-${k}`, ramp);
      const blurred: SynthSpec = {
        ...base(3),
        camera: { move: pick(rng, ['pan_left', 'pan_right', 'tilt_down'] as const), speed: 'fast' },
      };
      blurred.artifacts = [
        {
          kind: 'motion_blur',
          startFrame: 0,
          endFrame: Math.round(blurred.fps * 3) - 1,
          strength: 0.4 + 0.3 * k,
        },
      ];
      add('nuisance', `motion-blur-${k}`, blurred);
      const compressedMove = pick(rng, ['pan_left', 'pan_right', 'push_in', 'tilt_up'] as const);
      add('nuisance', `heavy-compression-${k}`, {
        ...base(3),
        camera: { move: compressedMove, speed: pick(rng, ['slow', 'medium', 'fast'] as const) },
        crf: 38 + 3 * k,
        subject: maybeWalker(0.3, compressedMove),
      });
      const parallax: SynthSpec = {
        ...base(3),
        camera: {
          move: pick(rng, ['pan_right', 'tilt_up', 'tracking', 'pan_left'] as const),
          speed: 'medium',
        },
      };
      parallax.scene = { ...parallax.scene, parallax: { factor: 1.4 + 0.3 * k } };
      if (parallax.camera.move === 'tracking') parallax.subject = { size: 0.4, motion: 'held' };
      add('nuisance', `parallax-${k}`, parallax);
    }
    add('nuisance', 'static-gait-walker-entering', {
      ...base(3),
      camera: { move: 'static' },
      subject: {
        size: between(rng, 0.4, 0.6),
        motion: 'walk',
        speed: 0.2,
        gait: true,
        start: { x: -0.1, y: 0.55 },
      },
    });
    // Clean controls across moves.
    for (const move of [
      'static',
      'pan_left',
      'tilt_up',
      'push_in',
      'roll_ccw',
      'tracking',
      'pull_out',
      'pan_right',
    ] as const) {
      const spec: SynthSpec = {
        ...base(4),
        camera: { move, speed: pick(rng, ['slow', 'medium', 'fast'] as const) },
      };
      if (move === 'tracking') spec.subject = { size: 0.45, motion: 'held', gait: rng() < 0.5 };
      else spec.subject = maybeWalker(0.4, move);
      add('clean', `clean-${move}`, spec);
    }
  }
  return items;
}
