/**
 * The label every simulated clip carries: a sidecar `<sha256>.simulated.json` beside the clip with
 * the ground truth the synth renderer reports (camera move and speed rendered, injected artifacts,
 * cuts), what was asked, and how the render differs from the request (size cap). The judge can be
 * tested against it; reports can say "SIMULATED" from it without trusting file names.
 */
import { randomUUID } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { requestCameraMove } from '../../camera/request-move.ts';
import type { StructuredMove } from '../../contract/camera-move.ts';
import type { SynthArtifact, SynthTruth } from '../../synth/spec.ts';
import type { SimRenderPlan } from './render-plan.ts';
import type { TaskRecord } from './task-index.ts';

export type SimulatedSidecar = {
  simulated: true;
  label: 'clipbench simulated';
  provider: 'simulator';
  taskId: string;
  jobKey: string;
  model: string;
  contentHash: string;
  asked: { camera: StructuredMove; motionScore: number; output: TaskRecord['request']['output'] };
  render: SimRenderPlan['size'] & { fps: number; durationS: number; note?: string | undefined };
  seeds: { scene: number; take: number };
  motion: SimRenderPlan['motion'];
  scene: SimRenderPlan['scene'];
  injected: SynthArtifact[];
  truth: SynthTruth;
};

export function sidecarPath(mediaDir: string, contentHash: string): string {
  return join(mediaDir, `${contentHash}.simulated.json`);
}

/** The sidecar document for a rendered task. */
export function buildSidecar(
  record: TaskRecord,
  plan: SimRenderPlan,
  render: { contentHash: string; truth: SynthTruth },
): SimulatedSidecar {
  const { size } = plan;
  return {
    simulated: true,
    label: 'clipbench simulated',
    provider: 'simulator',
    taskId: record.taskId,
    jobKey: record.jobKey,
    model: record.model,
    contentHash: render.contentHash,
    asked: {
      camera: requestCameraMove(record.request),
      motionScore: record.request.motion.motion_score,
      output: record.request.output,
    },
    render: {
      ...size,
      fps: plan.spec.fps,
      durationS: render.truth.durationS,
      ...(size.capped
        ? {
            note: `rendered at ${size.width}×${size.height} instead of ${size.requestedWidth}×${size.requestedHeight} (simulator render cap)`,
          }
        : {}),
    },
    seeds: { scene: record.sceneSeed, take: record.takeSeed },
    motion: plan.motion,
    scene: plan.scene,
    injected: plan.spec.artifacts ?? [],
    truth: render.truth,
  };
}

/** Writes the sidecar atomically (temp + rename). */
export async function writeSidecar(mediaDir: string, sidecar: SimulatedSidecar): Promise<string> {
  const path = sidecarPath(mediaDir, sidecar.contentHash);
  const tmp = join(mediaDir, `.tmp-${randomUUID()}.json`);
  await writeFile(tmp, `${JSON.stringify(sidecar, null, 2)}\n`);
  await rename(tmp, path);
  return path;
}
