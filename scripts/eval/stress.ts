/**
 * The stress family (`generate.ts --stress`): harsher and combined nuisances than dataset.ts's
 * mild ones, at the sizes and rates users shoot (640x360, 360x640, 480x480, one 1280x720 group,
 * 24–60 fps). Every clip is labelled with its intended camera move + speed band and no defects:
 * heavy compression, flashes, exposure ramps, motion blur, parallax and large moving subjects are
 * all nuisances. Pure data, deterministic from the seed; tune on one seed, validate on another.
 */
import { CAMERA_MOVES, type CameraMove, type CameraSpeed } from '../../src/contract/camera-move.ts';
import { between, createRng } from '../../src/synth/rng.ts';
import type { SynthArtifact, SynthSpec } from '../../src/synth/spec.ts';
import { TEXTURE_KINDS } from '../../src/synth/texture.ts';
import { type EvalCategory, type EvalItem, family, pick, RATE_RANGES } from './dataset.ts';

const LANDSCAPE: [number, number] = [640, 360];
const PORTRAIT: [number, number] = [360, 640];
const SQUARE: [number, number] = [480, 480];
const HD: [number, number] = [1280, 720];

/**
 * Photos allowed for generated sets (TEAM-WT.md); the others are reserved for the lead's final
 * evaluation. A clip uses one only when its file exists, so the set stays renderable elsewhere.
 */
export const STRESS_PHOTOS = [
  '/tmp/lead-photos/orange.jpg',
  '/tmp/lead-photos/butterfly.jpg',
  '/tmp/lead-photos/messi5.jpg',
  '/tmp/lead-photos/aero3.jpg',
] as const;
/** Smooth photos (large flat areas when zoomed): the textureless far layer for parallax. */
const SMOOTH_PHOTOS = ['/tmp/lead-photos/orange.jpg', '/tmp/lead-photos/butterfly.jpg'] as const;

export function buildStressSet(seed: number): EvalItem[] {
  const rng = createRng(seed * 7 + 3);
  const items: EvalItem[] = [];
  let n = 0;
  const rateFor = (move: CameraMove, speed: CameraSpeed): number => {
    const [lo, hi] = RATE_RANGES[family(move)][speed];
    return between(rng, lo, hi);
  };
  const base = (size: [number, number], fps: number, photo = false): Omit<SynthSpec, 'camera'> => ({
    seed: Math.floor(rng() * 1e9),
    width: size[0],
    height: size[1],
    fps,
    durationS: 3,
    scene: photo ? { imageFile: pick(rng, STRESS_PHOTOS) } : { texture: pick(rng, TEXTURE_KINDS) },
  });
  const add = (category: EvalCategory, label: string, spec: SynthSpec): void => {
    n += 1;
    items.push({ id: `stress-${String(n).padStart(3, '0')}-${label}`, split: 'tune', category, spec });
  };
  const camera = (move: CameraMove, speed: CameraSpeed): SynthSpec['camera'] =>
    move === 'static'
      ? { move }
      : { move, rate: rateFor(move, speed), trackingDirection: rng() < 0.5 ? 'left' : 'right' };
  const held = (): SynthSpec['subject'] => ({
    size: between(rng, 0.35, 0.55),
    motion: 'held',
    gait: rng() < 0.5,
  });
  const moving = CAMERA_MOVES.filter((m) => m !== 'static');

  // 1. Heavy compression (crf 40–48) on every move at fast speed, at 50/60 fps.
  for (const move of moving) {
    const spec: SynthSpec = {
      ...base(pick(rng, [LANDSCAPE, LANDSCAPE, PORTRAIT, SQUARE]), pick(rng, [50, 60]), rng() < 0.4),
      camera: camera(move, 'fast'),
      crf: Math.round(between(rng, 40, 48)),
    };
    if (move === 'tracking') spec.subject = held();
    add('nuisance', `crf${spec.crf}-${move}-fast-${spec.fps}fps`, spec);
  }
  // 2. Fast push-in / pull-out at 50–60 fps under compression, incl. the 1280x720 group.
  for (const [move, size] of [
    ['push_in', LANDSCAPE],
    ['pull_out', LANDSCAPE],
    ['push_in', HD],
    ['pull_out', HD],
    ['push_in', SQUARE],
    ['pull_out', PORTRAIT],
  ] as const) {
    const spec: SynthSpec = {
      ...base(size, pick(rng, [50, 60]), rng() < 0.5),
      camera: camera(move, pick(rng, ['fast', 'fast', 'medium'] as const)),
      crf: Math.round(between(rng, 36, 46)),
    };
    add('nuisance', `zoom-crf${spec.crf}-${move}-${size[0]}x${size[1]}-${spec.fps}fps`, spec);
  }
  // 3. Parallax over a smooth (textureless when zoomed) far layer: the near layer has the texture.
  for (const move of ['pan_right', 'pan_left', 'tilt_up', 'tracking', 'pan_right', 'tilt_down'] as const) {
    const speed = pick(rng, ['slow', 'medium', 'fast'] as const);
    const spec: SynthSpec = {
      ...base(pick(rng, [LANDSCAPE, SQUARE, PORTRAIT]), pick(rng, [24, 30, 50])),
      camera: camera(move, speed),
    };
    spec.scene = {
      imageFile: pick(rng, SMOOTH_PHOTOS),
      parallax: { factor: between(rng, 1.5, 2.5) },
    };
    if (move === 'tracking') spec.subject = held();
    add('nuisance', `parallax-smooth-${move}-${speed}`, spec);
  }
  // 4. Large moving subjects (a walker covering 30–50 % of the frame) over static, pan, push-in.
  for (const move of [
    'static',
    'static',
    'pan_left',
    'pan_right',
    'push_in',
    'pull_out',
    'tilt_up',
    'static',
  ] as const) {
    const speed = pick(rng, ['slow', 'medium', 'fast'] as const);
    const size = pick(rng, [LANDSCAPE, LANDSCAPE, SQUARE, PORTRAIT]);
    const against = move === 'pan_right' ? -1 : move === 'pan_left' ? 1 : rng() < 0.5 ? -1 : 1;
    const spec: SynthSpec = {
      ...base(size, pick(rng, [24, 30, 60]), rng() < 0.3),
      camera: camera(move, speed),
      subject: {
        size: size === LANDSCAPE ? between(rng, 0.85, 1) : between(rng, 0.6, 0.8),
        motion: 'walk',
        speed: against * between(rng, 0.05, 0.15),
        gait: rng() < 0.5,
        start: { x: between(rng, 0.35, 0.65), y: 0.55 },
      },
    };
    add('subject', `big-walker-${move}-${move === 'static' ? 'none' : speed}`, spec);
  }
  // 5. Several flashes (3–4) on static, pan, push-in and tracking shots.
  for (const move of ['static', 'pan_left', 'push_in', 'tracking', 'tilt_down', 'roll_cw'] as const) {
    const spec: SynthSpec = {
      ...base(pick(rng, [LANDSCAPE, PORTRAIT, SQUARE]), pick(rng, [24, 30, 60]), rng() < 0.3),
      camera: camera(move, pick(rng, ['slow', 'medium', 'fast'] as const)),
    };
    const frames = Math.round(spec.fps * spec.durationS);
    const count = rng() < 0.5 ? 3 : 4;
    spec.artifacts = Array.from(
      { length: count },
      (_, k): SynthArtifact => ({
        kind: 'flash',
        startFrame: Math.round(frames * (0.12 + (0.76 * (k + between(rng, 0.1, 0.9))) / count)),
        strength: between(rng, 0.5, 1),
      }),
    );
    if (move === 'tracking') spec.subject = held();
    add('nuisance', `flashes${count}-${move}`, spec);
  }
  // 6. Strong, fast exposure ramps (full strength over 0.4–1 s).
  for (const move of ['static', 'pan_right', 'tilt_up', 'push_in', 'pull_out', 'pan_left'] as const) {
    const spec: SynthSpec = {
      ...base(pick(rng, [LANDSCAPE, PORTRAIT, SQUARE]), pick(rng, [24, 30, 50]), rng() < 0.3),
      camera: camera(move, pick(rng, ['slow', 'medium', 'fast'] as const)),
    };
    const start = Math.round(spec.fps * between(rng, 0.5, 1.2));
    spec.artifacts = [
      {
        kind: 'exposure_ramp',
        startFrame: start,
        endFrame: start + Math.round(spec.fps * between(rng, 0.4, 1)),
        strength: between(rng, 0.8, 1),
      },
    ];
    add('nuisance', `fast-ramp-${move}`, spec);
  }
  // 7. Strong motion blur on fast moves (incl. zoom and roll).
  for (const move of [
    'pan_left',
    'pan_right',
    'tilt_up',
    'tilt_down',
    'push_in',
    'roll_ccw',
    'tracking',
  ] as const) {
    const spec: SynthSpec = {
      ...base(pick(rng, [LANDSCAPE, PORTRAIT, SQUARE]), pick(rng, [24, 30, 60]), rng() < 0.3),
      camera: camera(move, 'fast'),
    };
    spec.artifacts = [
      {
        kind: 'motion_blur',
        startFrame: 0,
        endFrame: Math.round(spec.fps * spec.durationS) - 1,
        strength: between(rng, 0.8, 1),
      },
    ];
    if (move === 'tracking') spec.subject = held();
    add('nuisance', `blur-${move}-fast`, spec);
  }
  // 8. Combined: compression + motion blur + a flash (+ a walker), every move at a random speed.
  for (const move of moving) {
    const speed = pick(rng, ['slow', 'medium', 'fast'] as const);
    const spec: SynthSpec = {
      ...base(pick(rng, [PORTRAIT, SQUARE, LANDSCAPE]), pick(rng, [24, 25, 30, 50, 60]), rng() < 0.4),
      camera: camera(move, speed),
      crf: Math.round(between(rng, 38, 44)),
    };
    const frames = Math.round(spec.fps * spec.durationS);
    spec.artifacts = [
      { kind: 'motion_blur', startFrame: 0, endFrame: frames - 1, strength: between(rng, 0.5, 1) },
      {
        kind: 'flash',
        startFrame: Math.round(frames * between(rng, 0.3, 0.7)),
        strength: between(rng, 0.4, 1),
      },
    ];
    if (rng() < 0.5)
      spec.artifacts.push({
        kind: 'exposure_ramp',
        startFrame: 0,
        endFrame: frames - 1,
        strength: between(rng, 0.6, 1),
      });
    if (move === 'tracking') spec.subject = held();
    else if (rng() < 0.4) {
      const against = move === 'pan_right' ? -1 : move === 'pan_left' ? 1 : rng() < 0.5 ? -1 : 1;
      spec.subject = {
        size: between(rng, 0.4, 0.6),
        motion: 'walk',
        speed: against * 0.08,
        gait: rng() < 0.5,
      };
    }
    add('nuisance', `combo-${move}-${speed}`, spec);
  }
  // 9. Plain clips at portrait / square sizes and 24–60 fps, every move at every speed band
  //    (one size per clip), some on photos.
  for (const move of CAMERA_MOVES) {
    const speeds = move === 'static' ? (['slow'] as const) : (['slow', 'medium', 'fast'] as const);
    for (const speed of speeds) {
      const spec: SynthSpec = {
        ...base(pick(rng, [PORTRAIT, SQUARE]), pick(rng, [24, 30, 50, 60]), rng() < 0.5),
        camera: camera(move, speed),
      };
      if (move === 'tracking') spec.subject = held();
      add('move', `${spec.width}x${spec.height}-${move}-${speed}`, spec);
    }
  }
  return items;
}
