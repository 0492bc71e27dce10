/**
 * The simulator's render edge: a task record → an H.264 clip under `<stateDir>/renders/`, written
 * to a temp name and renamed (so a crash never leaves a half clip under the final name), plus the
 * ground truth the synth renderer reports. Deterministic: the same record renders the same bytes.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { requestCameraMove } from '../../camera/request-move.ts';
import { encodeFrames } from '../../media/encode.ts';
import type { MediaDeps } from '../../media/tools.ts';
import { prepareSynth, renderSynthFrames } from '../../synth/render.ts';
import { planSimRender, type SimRenderPlan } from './render-plan.ts';
import type { RenderRecord, TaskRecord } from './task-index.ts';

/**
 * libx264 preset for simulated clips. `superfast` halves x264 time against `veryfast` on a
 * heavy-artifact 640×360 clip (≈0.9 s vs ≈1.7 s here) at a modestly larger file; `ultrafast`
 * would drop CABAC and deblocking, changing how the clip looks to the analyser.
 */
export const SIM_ENCODER_PRESET = 'superfast';

/** True for http(s)/data references, which the simulator does not fetch (it is offline). */
export function isRemoteReference(pathOrUrl: string): boolean {
  return /^(https?:|data:)/i.test(pathOrUrl);
}

/** The render plan of a task record (pure apart from nothing: exported for tests and sidecars). */
export function taskRenderPlan(record: TaskRecord): SimRenderPlan {
  const image = record.request.identity.reference_image;
  const local = image !== undefined && !isRemoteReference(image);
  return planSimRender({
    request: record.request,
    move: requestCameraMove(record.request),
    sceneSeed: record.sceneSeed,
    takeSeed: record.takeSeed,
    sweetSpot: record.sweetSpot,
    renderShortSidePx: record.renderShortSidePx,
    ...(local ? { imageFile: image } : {}),
    ...(image !== undefined && !local
      ? { imageNote: 'reference_image is remote; the offline simulator used a procedural scene' }
      : {}),
  });
}

/** Renders the task's clip to `outFile` atomically and returns its hash, size and ground truth. */
export async function renderTaskClip(
  record: TaskRecord,
  outFile: string,
  deps: MediaDeps = {},
): Promise<RenderRecord & { plan: SimRenderPlan; elapsedMs: number }> {
  const started = performance.now();
  const plan = taskRenderPlan(record);
  const synth = await prepareSynth(plan.spec, deps);
  const dir = join(outFile, '..');
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.tmp-${randomUUID()}.mp4`);
  try {
    await encodeFrames(renderSynthFrames(synth), {
      ...deps,
      file: tmp,
      width: plan.spec.width,
      height: plan.spec.height,
      fps: plan.spec.fps,
      crf: synth.truth.crf,
      preset: SIM_ENCODER_PRESET,
    });
    const bytes = await readFile(tmp);
    await rename(tmp, outFile);
    return {
      contentHash: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.byteLength,
      truth: synth.truth,
      plan,
      elapsedMs: performance.now() - started,
    };
  } finally {
    await rm(tmp, { force: true });
  }
}
