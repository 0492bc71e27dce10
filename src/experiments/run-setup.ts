/**
 * Turning a priced plan into a journaled run: job rows (with the simulator's sweet spot from the
 * preset), the config hash that lets re-running the same experiment resume it, and the run plan
 * settings (usable-rate bar, rubric, failover) that `--resume <run>` and reports read back.
 */
import { randomBytes } from 'node:crypto';
import { canonicalHash, sha256Hex } from '../contract/canonical.ts';
import type { MediaHasher } from '../contract/media-hash.ts';
import { canonicalRequest } from '../contract/normalise.ts';
import type { Preset } from '../contract/preset.ts';
import type { VideoRequest } from '../contract/request.ts';
import type { ExperimentRecord } from '../contract/run.ts';
import { DEFAULT_USABLE_RATE_MIN } from '../reports/summary.ts';
import type { NewJob } from '../store/jobs.ts';
import type { Store } from '../store/store.ts';
import { jobKey } from './job-key.ts';
import type { ExperimentPlan, PlannedJobWithCost } from './plan.ts';
import type { RunPlanSettings } from './runner-types.ts';

/** A job as the runner plans it (experiment id filled in at journal time). */
export type RunJob = Omit<NewJob, 'experimentId'> & { jobKey: string; request: VideoRequest };

/**
 * The simulator renders artifacts past the preset's sweet spot, which it reads from
 * `provider.options.sweet_spot`. It changes the clip, so it is part of the request and the job key.
 */
export function withSweetSpot(request: VideoRequest, sweetSpot: number | null | undefined): VideoRequest {
  if (request.provider.id !== 'simulator' || sweetSpot === null || sweetSpot === undefined) return request;
  if (request.provider.options['sweet_spot'] !== undefined) return request;
  return {
    ...request,
    provider: {
      ...request.provider,
      options: { ...request.provider.options, sweet_spot: sweetSpot },
    },
  };
}

/** Row fields derived from a request (indexed columns of the run log). */
export function requestColumns(request: VideoRequest) {
  return {
    promptHash:
      request.identity.prompt === undefined ? null : sha256Hex(request.identity.prompt).slice(0, 16),
    skeletonId: request.identity.skeleton?.id ?? null,
    motionScore: request.motion.motion_score,
    cameraIntent: request.camera.intent,
    simulated: request.provider.id === 'simulator',
  };
}

/** A job row for a request, keyed like expansion keys it (canonical request, provider, model, seed, repeat). */
export function jobForRequest(
  request: VideoRequest,
  hashMedia: MediaHasher,
  fields: { seed: number; repeat: number; estimatedCostUsd: number | null; preset: string | null },
): RunJob {
  const canonical = canonicalRequest(request, hashMedia);
  const model = request.provider.model ?? 'default';
  return {
    jobKey: jobKey({
      canonicalRequest: canonical,
      provider: request.provider.id,
      model,
      seed: fields.seed,
      repeat: fields.repeat,
    }),
    provider: request.provider.id,
    model,
    preset: fields.preset,
    requestHash: canonicalHash(canonical),
    referenceId: canonical.motion_source.reference_id,
    seed: fields.seed,
    repeatIndex: fields.repeat,
    estimatedCostUsd: fields.estimatedCostUsd,
    request,
    ...requestColumns(request),
  };
}

/** Journal rows for every planned job, with the sweet spot applied to simulator requests. */
export function runJobsFromPlan(
  plan: ExperimentPlan,
  preset: Preset | undefined,
  hashMedia: MediaHasher,
): RunJob[] {
  return plan.jobs.map((planned: PlannedJobWithCost) => {
    const request = withSweetSpot(planned.request, preset?.simulator.sweet_spot_motion_score);
    const changed = request !== planned.request;
    const base: RunJob = changed
      ? jobForRequest(request, hashMedia, {
          seed: planned.seed,
          repeat: planned.repeat,
          estimatedCostUsd: planned.costUsd,
          preset: plan.preset ?? null,
        })
      : {
          jobKey: planned.jobKey,
          provider: planned.provider,
          model: planned.model,
          preset: plan.preset ?? null,
          requestHash: planned.requestHash,
          referenceId: planned.referenceId,
          seed: planned.seed,
          repeatIndex: planned.repeat,
          estimatedCostUsd: planned.costUsd,
          request,
          ...requestColumns(request),
        };
    return { ...base, passName: planned.pass ?? null, sweepValue: planned.varied.value };
  });
}

/** Same experiment ⇔ same preset and the same set of job keys (which cover every request byte). */
export function configHashOf(jobs: readonly RunJob[], preset: string | null): string {
  return canonicalHash({ preset, jobs: jobs.map((j) => j.jobKey).sort() });
}

export function planSettings(
  plan: ExperimentPlan,
  preset: Preset | undefined,
  jobs: number,
  threePass: boolean,
): Omit<RunPlanSettings, 'fresh_suffix'> {
  return {
    usable_rate_min: preset?.rubric.usable_rate_min ?? DEFAULT_USABLE_RATE_MIN,
    three_pass: threePass,
    rubric: preset?.rubric ?? null,
    failover: preset?.failover ?? null,
    simulator_sweet_spot: preset?.simulator.sweet_spot_motion_score ?? null,
    preset: plan.preset ?? null,
    file: plan.file,
    jobs,
  };
}

/** Reads the settings back from a stored run plan (older or foreign plans get safe defaults). */
export function settingsOf(run: ExperimentRecord): RunPlanSettings {
  const p = run.plan as Partial<RunPlanSettings>;
  return {
    usable_rate_min: typeof p.usable_rate_min === 'number' ? p.usable_rate_min : DEFAULT_USABLE_RATE_MIN,
    three_pass: p.three_pass === true,
    rubric: p.rubric ?? null,
    failover: p.failover ?? null,
    simulator_sweet_spot: typeof p.simulator_sweet_spot === 'number' ? p.simulator_sweet_spot : null,
    fresh_suffix: typeof p.fresh_suffix === 'string' ? p.fresh_suffix : null,
    preset: p.preset ?? run.preset,
    file: p.file ?? null,
    jobs: typeof p.jobs === 'number' ? p.jobs : 0,
  };
}

export type OpenRunInput = {
  name: string;
  jobs: readonly RunJob[];
  settings: Omit<RunPlanSettings, 'fresh_suffix'>;
  preset: Preset | undefined;
  variable: string | null;
  budgetUsd: number | null;
  config: Record<string, unknown>;
  fresh: boolean;
};

/**
 * Finds the unfinished run of the same experiment (same config hash) to resume, or creates a new
 * run; then journals every planned job (idempotent per run and job key). A completed run is not
 * resumed: the new run reuses its clips by job key instead (unless `fresh`).
 */
export function openRun(store: Store, input: OpenRunInput): { run: ExperimentRecord; resumed: boolean } {
  const configHash = configHashOf(input.jobs, input.settings.preset);
  const existing = input.fresh ? null : store.experiments.findByConfigHash(configHash);
  let run: ExperimentRecord;
  let resumed = false;
  if (existing !== null && existing.status !== 'completed') {
    run = existing;
    resumed = true;
  } else {
    const freshSuffix = input.fresh ? randomBytes(4).toString('hex') : null;
    const providers = [...new Set(input.jobs.map((j) => j.provider))];
    run = store.experiments.create({
      name: input.name,
      presetId: input.preset?.id ?? null,
      presetVersion: input.preset?.version ?? null,
      provider: providers.join(','),
      model: [...new Set(input.jobs.map((j) => j.model ?? 'default'))].join(','),
      variable: input.variable,
      configHash,
      budgetUsd: input.budgetUsd,
      simulated: input.jobs.every((j) => j.provider === 'simulator'),
      config: input.config,
      plan: { ...input.settings, fresh_suffix: freshSuffix },
    });
  }
  // Idempotent: after a crash between creating the run and planning its jobs, this completes it.
  store.jobs.planMany(input.jobs.map((job) => ({ ...job, experimentId: run.id })));
  return { run, resumed };
}
