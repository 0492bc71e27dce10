/**
 * `clipbench generate`: one generation from one request, journaled like any experiment job (same
 * deterministic job key), so generating the same request again reuses the stored clip instead of
 * paying again. Analysed and judged like every job, so the run log and reports treat it alike.
 */
import { isAbsolute, join } from 'node:path';
import type { MediaHasher } from '../contract/media-hash.ts';
import type { VideoRequest } from '../contract/request.ts';
import type { JobRecord } from '../contract/run.ts';
import { estimateJobCostUsd } from './cost.ts';
import { DEFAULT_MODEL } from './expand.ts';
import { jobForRequest } from './run-setup.ts';
import { type RunExperimentOptions, runExperiment } from './runner.ts';
import type { RunOutcome } from './runner-types.ts';

export type GenerateOptions = Omit<RunExperimentOptions, 'source'> & {
  request: VideoRequest;
  hashMedia: MediaHasher;
  provider: string;
  model?: string | undefined;
  seed?: number | undefined;
  /** Shown as the run name. */
  label: string;
};

export type GenerateResult = {
  outcome: RunOutcome;
  job: JobRecord;
  /** Absolute path of the stored clip (null when the job did not finish). */
  clipPath: string | null;
  /** What this clip cost when it was generated (the original job's cost when reused). */
  generationCostUsd: number | null;
  reusedFromJob: number | null;
};

/** The request as it runs on `provider`: the same shape expansion gives a job, so keys match. */
export function requestForProvider(
  request: VideoRequest,
  provider: string,
  model: string | undefined,
): VideoRequest {
  const same = request.provider.id === provider;
  return {
    ...request,
    provider: {
      id: provider,
      model: model ?? (same ? request.provider.model : undefined) ?? DEFAULT_MODEL,
      options: same ? request.provider.options : {},
    },
  };
}

export async function generateOne(options: GenerateOptions): Promise<GenerateResult> {
  const { request: base, hashMedia, provider, model: chosen, seed = 0, label, ...run } = options;
  const request = requestForProvider(base, provider, chosen);
  const model = request.provider.model ?? DEFAULT_MODEL;
  const job = jobForRequest(request, hashMedia, {
    seed,
    repeat: 0,
    estimatedCostUsd: estimateJobCostUsd(provider, model, request).amountUsd,
    preset: null,
  });
  const outcome = await runExperiment({
    ...run,
    hashMedia,
    source: {
      kind: 'jobs',
      name: `generate: ${label}`,
      jobs: [{ ...job, passName: null }],
      config: { generate: label },
    },
  });
  const stored = run.store.jobs.getByKey(outcome.runId, job.jobKey);
  if (stored === null) throw new Error(`generate: job ${job.jobKey} missing from run ${outcome.runId}`);
  const asset = stored.clip_hash === null ? null : run.store.assets.get(stored.clip_hash);
  const clipPath =
    asset === null ? null : isAbsolute(asset.path) ? asset.path : join(run.workspace.root, asset.path);
  const source = stored.reused_from === null ? stored : run.store.jobs.get(stored.reused_from);
  return {
    outcome,
    job: stored,
    clipPath,
    generationCostUsd: source?.cost_usd ?? null,
    reusedFromJob: stored.reused_from,
  };
}
