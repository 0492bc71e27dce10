/**
 * Pure task bookkeeping: a new task record from a request, and where a task is in its life
 * (queued → running → done) at a given time. Stage lengths are seeded from the take, so a replayed
 * run sees the same latencies.
 */
import { canonicalJson } from '../../contract/canonical.ts';
import type { VideoRequest } from '../../contract/request.ts';
import type { JobStatus } from '../provider.ts';
import { seededUniform, seedFrom } from './failures.ts';
import { simulatorCost } from './prices.ts';
import { DEFAULT_SWEET_SPOT, type SimulatorOptions, type SimulatorSettings } from './settings.ts';
import { type TaskFate, type TaskRecord, taskIdFor } from './task-index.ts';

/** Scene seed: from the identity layer only, so sweeping motion or camera keeps the same place. */
export function sceneSeedOf(request: VideoRequest): number {
  return seedFrom(canonicalJson(request.identity));
}

/** Take seed: `provider.options.seed` when given, else from the job key (request + seed + repeat). */
export function takeSeedOf(jobKey: string, options: SimulatorOptions): number {
  return options.seed ?? seedFrom(`take:${jobKey}`);
}

export function newTaskRecord(input: {
  request: VideoRequest;
  jobKey: string;
  options: SimulatorOptions;
  settings: SimulatorSettings;
  fate: TaskFate;
  nowMs: number;
  model: string;
}): TaskRecord {
  const { request, settings } = input;
  const takeSeed = takeSeedOf(input.jobKey, input.options);
  const latency = settings.latencyMs;
  return {
    version: 1,
    taskId: taskIdFor(input.jobKey),
    jobKey: input.jobKey,
    model: input.model,
    submittedAtMs: input.nowMs,
    queueMs: Math.round(latency * (0.2 + 0.2 * seededUniform(takeSeed, 'queue'))),
    runMs: Math.round(latency * (0.6 + 0.4 * seededUniform(takeSeed, 'run'))),
    request,
    sceneSeed: sceneSeedOf(request),
    takeSeed,
    sweetSpot: input.options.sweet_spot ?? DEFAULT_SWEET_SPOT,
    renderShortSidePx: settings.renderShortSidePx,
    fate: input.fate,
    costUsd: simulatorCost(request).amountUsd,
  };
}

export type TaskPhase = 'queued' | 'running' | 'done';

/** Where the task's simulated clock is (the render must also be finished before `done` counts). */
export function taskPhase(record: TaskRecord, nowMs: number): { phase: TaskPhase; progress: number } {
  const age = nowMs - record.submittedAtMs;
  if (age < record.queueMs) return { phase: 'queued', progress: 0 };
  const runAge = age - record.queueMs;
  if (runAge < record.runMs) return { phase: 'running', progress: runAge / Math.max(1, record.runMs) };
  return { phase: 'done', progress: 1 };
}

/** The status a task reports, given its phase and whether its clip exists yet. */
export function taskStatus(record: TaskRecord, nowMs: number): JobStatus {
  const { phase, progress } = taskPhase(record, nowMs);
  if (phase === 'queued') return { state: 'queued' };
  if (phase === 'done' && record.fate.kind === 'fail')
    return { state: 'failed', code: record.fate.code, message: record.fate.message };
  if (phase === 'done' && record.renderError !== undefined)
    return {
      state: 'failed',
      code: 'server_error',
      message: `simulated render failed: ${record.renderError}`,
    };
  if (phase === 'done' && record.render !== undefined)
    return {
      state: 'succeeded',
      cost: { amountUsd: record.costUsd, basis: 'simulated', note: 'simulated price: no money is spent' },
    };
  return { state: 'running', progress: Math.min(0.99, Math.round(progress * 100) / 100) };
}
