import { speedForRate, typicalRate } from '../contract/camera-move.ts';
import { InputError } from '../errors/input-error.ts';
import { encodeFrames } from '../media/encode.ts';
import type { MediaDeps } from '../media/tools.ts';
import { type CameraState, cameraPath, worldBounds } from './camera-path.ts';
import { type FramePlan, planFrames } from './frame-plan.ts';
import { boxBlurRgb, type Image } from './image.ts';
import { loadPhotoTexture } from './photo.ts';
import { createRng } from './rng.ts';
import type { SynthSpec, SynthTruth } from './spec.ts';
import { makeFigureSprite, makeNearLayer, makeWalkerSprite } from './sprites.ts';
import { makeSceneTexture, TEXTURE_KINDS } from './texture.ts';
import { type Affine, cameraAffine, compositeRgba, warpRgb } from './warp.ts';

/** A prepared clip: textures, per-frame cameras and plans. Rendering it is a pure loop. */
export type SynthPlan = {
  spec: SynthSpec;
  truth: SynthTruth;
  cameras: CameraState[];
  plans: FramePlan[];
  scenes: Image[];
  origin: { x: number; y: number };
  density: number;
  near: { image: Image; origin: { x: number; y: number }; factor: number } | null;
  sprite: Image | null;
  /** Stride phases of an articulated walker (`subject.gait`), cycled over time; empty otherwise. */
  strideSprites: Image[];
};

/** Stride phases pre-rendered for an articulated walker, and its stride rate (cycles per second). */
const STRIDE_PHASES = 12;
const STRIDE_HZ = 0.9;

/** Texture px budget per scene: keeps 1080p zooms from building 10+ MP textures. */
const MAX_TEXTURE_PX = 6_000_000;

function checkSpec(spec: SynthSpec): void {
  const bad = (what: string): never => {
    throw new InputError({ code: 'synth_bad_spec', message: `Invalid synth spec: ${what}` });
  };
  if (!(spec.width >= 16 && spec.width <= 4096 && spec.width % 2 === 0))
    bad(`width must be even, 16..4096, got ${spec.width}`);
  if (!(spec.height >= 16 && spec.height <= 4096 && spec.height % 2 === 0))
    bad(`height must be even, 16..4096, got ${spec.height}`);
  if (!(spec.fps >= 1 && spec.fps <= 120)) bad(`fps must be 1..120, got ${spec.fps}`);
  if (!(spec.durationS > 0 && spec.durationS <= 120))
    bad(`durationS must be in (0, 120], got ${spec.durationS}`);
}

/** Builds textures, cameras and plans for a spec (async only to decode an optional photo). */
export async function prepareSynth(spec: SynthSpec, deps: MediaDeps = {}): Promise<SynthPlan> {
  checkSpec(spec);
  const { width, height, fps } = spec;
  const frames = Math.max(1, Math.round(spec.durationS * fps));
  const move = spec.camera.move;
  const rate =
    move === 'static' ? 0 : Math.abs(spec.camera.rate ?? typicalRate(move, spec.camera.speed ?? 'medium'));
  const artifacts = spec.artifacts ?? [];
  const cameras = cameraPath({
    move,
    rate,
    width,
    height,
    fps,
    frames,
    trackingDirection: spec.camera.trackingDirection ?? 'left',
    artifacts,
    seed: spec.seed,
  });
  const { plans, cuts, defects, nuisances } = planFrames(artifacts, frames, width, spec.seed);
  const bounds = worldBounds(cameras, width, height);
  const worldW = bounds.x1 - bounds.x0;
  const worldH = bounds.y1 - bounds.y0;
  const maxScale = Math.max(...cameras.map((c) => c.scale));
  const density = Math.max(1, Math.min(2.5, maxScale, Math.sqrt(MAX_TEXTURE_PX / (worldW * worldH))));
  const texW = Math.ceil(worldW * density) + 2;
  const texH = Math.ceil(worldH * density) + 2;
  const kind = spec.scene?.texture ?? 'terrain';
  const sceneCount = cuts.length + 1;
  const scenes: Image[] = [];
  for (let s = 0; s < sceneCount; s += 1) {
    if (s === 0 && spec.scene?.imageFile !== undefined) {
      scenes.push(await loadPhotoTexture(spec.scene.imageFile, texW, texH, deps));
      continue;
    }
    // After a cut: a different kind of place, not just a reshuffle of the same one.
    const sceneKind =
      s === 0 ? kind : (TEXTURE_KINDS[(TEXTURE_KINDS.indexOf(kind) + s * 2) % TEXTURE_KINDS.length] ?? kind);
    scenes.push(makeSceneTexture(texW, texH, sceneKind, spec.seed * 31 + s * 1009, density));
  }
  const parallax = spec.scene?.parallax;
  let near: SynthPlan['near'] = null;
  if (parallax !== undefined) {
    const nb = worldBounds(cameras, width, height, parallax.factor);
    near = {
      image: makeNearLayer(Math.ceil(nb.x1 - nb.x0) + 2, Math.ceil(nb.y1 - nb.y0) + 2, spec.seed + 77),
      origin: { x: nb.x0, y: nb.y0 },
      factor: parallax.factor,
    };
    nuisances.push({ kind: 'parallax', startFrame: 0, endFrame: frames - 1, strength: parallax.factor });
  }
  const crf = spec.crf ?? 20;
  if (crf >= 38)
    nuisances.push({ kind: 'heavy_compression', startFrame: 0, endFrame: frames - 1, strength: crf / 51 });
  const subject = spec.subject;
  const truth: SynthTruth = {
    width,
    height,
    fps,
    frames,
    durationS: frames / fps,
    camera: { move, speed: speedForRate(move, rate), rate },
    cuts,
    defects,
    nuisances,
    subject:
      subject === undefined
        ? null
        : { size: subject.size, motion: subject.motion, speed: subject.speed ?? 0 },
    crf,
  };
  return {
    spec,
    truth,
    cameras,
    plans,
    scenes,
    origin: { x: bounds.x0, y: bounds.y0 },
    density,
    near,
    sprite: subject === undefined ? null : makeFigureSprite(subject.size * height, spec.seed + 5),
    strideSprites:
      subject?.gait === true
        ? Array.from({ length: STRIDE_PHASES }, (_, k) =>
            makeWalkerSprite(subject.size * height, spec.seed + 5, (2 * Math.PI * k) / STRIDE_PHASES),
          )
        : [],
  };
}

/** Subject centre in frame pixels, its on-screen scale and roll for frame `i`. */
function subjectPlacement(plan: SynthPlan, i: number): { x: number; y: number; scale: number; roll: number } {
  const { spec } = plan;
  const subject = spec.subject;
  const start = subject?.start ?? { x: 0.5, y: 0.6 };
  const t = i / spec.fps;
  const bob = 0.012 * (subject?.size ?? 0) * spec.height * Math.sin(2 * Math.PI * 1.8 * t);
  if (subject === undefined || subject.motion === 'held') {
    return { x: start.x * spec.width, y: start.y * spec.height + bob, scale: 1, roll: 0 };
  }
  // A walker lives in the world: project its world position through this frame's camera.
  const cam0 = plan.cameras[0] as CameraState;
  const cam = plan.cameras[i] as CameraState;
  const u0 = (start.x - 0.5) * spec.width;
  const v0 = (start.y - 0.5) * spec.height;
  const cos0 = Math.cos(cam0.rollRad);
  const sin0 = Math.sin(cam0.rollRad);
  const wx = cam0.cx + (u0 * cos0 - v0 * sin0) / cam0.scale + (subject.speed ?? 0) * spec.width * t;
  const wy = cam0.cy + (u0 * sin0 + v0 * cos0) / cam0.scale;
  const dx = wx - cam.cx;
  const dy = wy - cam.cy;
  const cos = Math.cos(cam.rollRad);
  const sin = Math.sin(cam.rollRad);
  return {
    x: spec.width / 2 + cam.scale * (dx * cos + dy * sin),
    y: spec.height / 2 + cam.scale * (-dx * sin + dy * cos) + bob * cam.scale,
    scale: cam.scale,
    roll: cam.rollRad,
  };
}

/** The subject's sprite for frame `i`: the stride phase of an articulated walker, else the figure. */
function spriteAt(plan: SynthPlan, i: number): Image | null {
  if (plan.strideSprites.length === 0) return plan.sprite;
  const cycles = (i / plan.spec.fps) * STRIDE_HZ;
  const k = Math.floor((cycles - Math.floor(cycles)) * plan.strideSprites.length);
  return plan.strideSprites[k] ?? plan.sprite;
}

function drawSubject(plan: SynthPlan, dst: Uint8Array, i: number, distortion: number): void {
  const sprite = spriteAt(plan, i);
  if (sprite === null) return;
  const { width, height, fps } = plan.spec;
  const p = subjectPlacement(plan, i);
  const k = 1 / p.scale;
  const cos = Math.cos(p.roll) * k;
  const sin = Math.sin(p.roll) * k;
  const m: Affine = {
    a: cos,
    b: -sin,
    c: sprite.width / 2 + cos * (0.5 - p.x) - sin * (0.5 - p.y),
    d: sin,
    e: cos,
    f: sprite.height / 2 + sin * (0.5 - p.x) + cos * (0.5 - p.y),
  };
  const radius = (Math.hypot(sprite.width, sprite.height) / 2) * p.scale + 2;
  const amp = distortion * sprite.height;
  const wave = (2 * Math.PI) / Math.max(4, 0.22 * sprite.height * p.scale);
  const phase = (2 * Math.PI * 3 * i) / fps;
  const shift = amp > 0 ? (y: number) => amp * Math.sin(y * wave + phase) : undefined;
  compositeRgba(
    sprite,
    dst,
    width,
    height,
    m,
    { x0: p.x - radius, y0: p.y - radius, x1: p.x + radius, y1: p.y + radius },
    shift,
  );
}

function drawGeometry(
  plan: SynthPlan,
  dst: Uint8Array,
  cam: CameraState,
  i: number,
  framePlan: FramePlan,
): void {
  const { width, height } = plan.spec;
  const scene = plan.scenes[Math.min(framePlan.scene, plan.scenes.length - 1)] as Image;
  warpRgb(scene, dst, width, height, cameraAffine(cam, width, height, plan.origin, plan.density));
  if (plan.near !== null) {
    const m = cameraAffine(cam, width, height, plan.near.origin, 1, plan.near.factor);
    compositeRgba(plan.near.image, dst, width, height, m, { x0: 0, y0: 0, x1: width - 1, y1: height - 1 });
  }
  drawSubject(plan, dst, i, framePlan.distortion);
}

function lerpCamera(a: CameraState, b: CameraState, t: number): CameraState {
  return {
    cx: a.cx + (b.cx - a.cx) * t,
    cy: a.cy + (b.cy - a.cy) * t,
    scale: a.scale * (b.scale / a.scale) ** t,
    rollRad: a.rollRad + (b.rollRad - a.rollRad) * t,
  };
}

/** Renders the average of sub-frames spread over the shutter interval (motion blur). */
function drawMotionBlurred(
  plan: SynthPlan,
  dst: Uint8Array,
  i: number,
  framePlan: FramePlan,
  scratch: Uint8Array,
): void {
  const cams = plan.cameras;
  const cam = cams[i] as CameraState;
  const next = (cams[i + 1] ?? cam) as CameraState;
  const prev = (cams[i - 1] ?? cam) as CameraState;
  const samples = 5;
  const acc = new Uint16Array(dst.length);
  for (let s = 0; s < samples; s += 1) {
    const offset = (s / (samples - 1) - 0.5) * framePlan.shutter;
    const sub = offset >= 0 ? lerpCamera(cam, next, offset) : lerpCamera(cam, prev, -offset);
    drawGeometry(plan, scratch, sub, i, framePlan);
    for (let k = 0; k < acc.length; k += 1) acc[k] = (acc[k] as number) + (scratch[k] as number);
  }
  for (let k = 0; k < acc.length; k += 1) dst[k] = ((acc[k] as number) + 2) / samples;
}

/**
 * Yields rgb24 frames (width·height·3 bytes) for a prepared plan. Deterministic: same plan, same
 * bytes. Each yielded buffer is fresh (consumers may keep it).
 */
export function* renderSynthFrames(plan: SynthPlan): Generator<Uint8Array> {
  const { width, height } = plan.spec;
  const size = width * height * 3;
  const grainAmp = plan.spec.scene?.grain ?? 2;
  const noise = new Int8Array(1 << 18);
  const rng = createRng(plan.spec.seed ^ 0x6a11);
  for (let k = 0; k < noise.length; k += 1) noise[k] = Math.round((rng() * 2 - 1) * grainAmp);
  const lut = new Uint8Array(256);
  const scratch = new Uint8Array(size);
  const outputs: Uint8Array[] = [];
  for (let i = 0; i < plan.plans.length; i += 1) {
    const framePlan = plan.plans[i] as FramePlan;
    if (framePlan.freezeOf >= 0 && outputs[framePlan.freezeOf] !== undefined) {
      const frozen = (outputs[framePlan.freezeOf] as Uint8Array).slice();
      outputs[i] = frozen;
      yield frozen;
      continue;
    }
    const frame = new Uint8Array(size);
    if (!framePlan.black) {
      if (framePlan.shutter > 0) drawMotionBlurred(plan, frame, i, framePlan, scratch);
      else drawGeometry(plan, frame, plan.cameras[i] as CameraState, i, framePlan);
      if (framePlan.blurPx > 0) boxBlurRgb(frame, width, height, framePlan.blurPx, 3);
    }
    for (let v = 0; v < 256; v += 1) {
      const out = framePlan.black ? 6 : v * framePlan.gain + framePlan.offset;
      lut[v] = out < 0 ? 0 : out > 255 ? 255 : out;
    }
    const start = Math.floor(rng() * noise.length);
    const mask = noise.length - 1;
    for (let k = 0; k < size; k += 1) {
      const v = (lut[frame[k] as number] as number) + (noise[(start + k) & mask] as number);
      frame[k] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
    // Only frames a later freeze may repeat are kept, so memory stays flat otherwise.
    if (plan.plans.some((p) => p.freezeOf === i)) outputs[i] = frame;
    yield frame;
  }
}

export type RenderClipOptions = MediaDeps & { preset?: string | undefined; signal?: AbortSignal | undefined };

/** Renders a spec to an H.264 mp4 and returns the ground truth. */
export async function renderSynthClip(
  spec: SynthSpec,
  outFile: string,
  options: RenderClipOptions = {},
): Promise<SynthTruth> {
  const plan = await prepareSynth(spec, options);
  await encodeFrames(renderSynthFrames(plan), {
    ...options,
    file: outFile,
    width: spec.width,
    height: spec.height,
    fps: spec.fps,
    crf: plan.truth.crf,
    preset: options.preset ?? 'veryfast',
  });
  return plan.truth;
}
