/**
 * One job's assessment phase: downloaded → analyzed → judged. The analyser and judge are injected
 * (real ones in default-assessors.ts). Each result is stored before the journal step that records
 * it, so a crash in between only repeats free local work, never a provider call.
 */
import { statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { contentHashOfFile } from '../contract/media-hash.ts';
import type { VideoRequest } from '../contract/request.ts';
import type { JobRecord, JobState } from '../contract/run.ts';
import type { RubricThresholds } from '../contract/verdict.ts';
import type { Store } from '../store/store.ts';
import { storedPath } from './job-walk.ts';
import type { Analyser, Judge } from './runner-types.ts';

export type AssessContext = {
  store: Store;
  workspaceRoot: string;
  /** Scratch directory for contact sheets before they enter the media store. */
  workDir: string;
  analyse: Analyser;
  judge: Judge;
  thresholds: RubricThresholds | undefined;
  signal: AbortSignal;
  onTransition: (job: JobRecord, from: JobState | null) => void;
};

/** Absolute path of the job's stored clip. */
export function clipFileOf(store: Store, root: string, job: JobRecord): string {
  const asset = job.clip_hash === null ? null : store.assets.get(job.clip_hash);
  if (asset === null) throw new Error(`job ${job.id} has no stored clip`);
  return isAbsolute(asset.path) ? asset.path : join(root, asset.path);
}

async function analyseStep(job: JobRecord, ctx: AssessContext): Promise<JobRecord> {
  const clip = clipFileOf(ctx.store, ctx.workspaceRoot, job);
  const out = await ctx.analyse(clip, { job, workDir: ctx.workDir, signal: ctx.signal });
  ctx.store.analyses.save(job.id, out.result, job.clip_hash);
  let thumbHash: string | null = null;
  if (out.contactSheet !== undefined) {
    thumbHash = contentHashOfFile(out.contactSheet);
    ctx.store.assets.put({
      contentHash: thumbHash,
      kind: 'contact_sheet',
      path: storedPath(ctx.workspaceRoot, out.contactSheet),
      bytes: statSync(out.contactSheet).size,
      contentType: 'image/png',
      simulated: job.simulated,
    });
  }
  const next = ctx.store.jobs.transition(job.id, 'downloaded', 'analyzed', { thumbHash });
  ctx.onTransition(next, 'downloaded');
  return next;
}

function judgeStep(job: JobRecord, ctx: AssessContext): JobRecord {
  const analysis = ctx.store.analyses.latest(job.id);
  if (analysis === null) throw new Error(`job ${job.id} is analyzed but has no stored analysis`);
  const rubric = ctx.judge({ analysis, request: job.request as VideoRequest, thresholds: ctx.thresholds });
  ctx.store.verdicts.recordAuto(job.id, rubric);
  const next = ctx.store.jobs.transition(job.id, 'analyzed', 'judged');
  ctx.onTransition(next, 'analyzed');
  return next;
}

/** Walks a job from `downloaded` or `analyzed` to `judged`. */
export async function assessJob(job: JobRecord, ctx: AssessContext): Promise<JobRecord> {
  let current = job;
  if (current.state === 'downloaded') current = await analyseStep(current, ctx);
  if (current.state === 'analyzed') current = judgeStep(current, ctx);
  return current;
}
