/**
 * Stored run-log records (what the store returns and reports/dashboard read) and the job state
 * machine. Plain data: JSON payload columns arrive parsed, timestamps are ISO strings.
 */
import { z } from 'zod';
import { AnalysisResultSchema } from './analysis.ts';
import { VerdictRecordSchema, VerdictSchema } from './verdict.ts';

/**
 * Job states in journal order. `failed` and `parked` may be entered from any live state; a parked
 * job remembers `parked_from` and resumes there. `judged` and `failed` are terminal.
 */
export const JOB_STATES = [
  'planned',
  'submitting',
  'submitted',
  'generated',
  'downloaded',
  'analyzed',
  'judged',
  'failed',
  'parked',
] as const;
export const JobStateSchema = z.enum(JOB_STATES);
export type JobState = z.infer<typeof JobStateSchema>;

/** Allowed forward edges (besides → failed / → parked from any live state, and parked → parked_from). */
export const JOB_TRANSITIONS: Readonly<Record<JobState, readonly JobState[]>> = {
  planned: ['submitting', 'failed', 'parked'],
  // submitting → submitting: a resumed job whose idempotency lookup found nothing is submitted again
  // (the key makes the provider de-duplicate where it can).
  submitting: ['submitting', 'submitted', 'failed', 'parked'],
  submitted: ['generated', 'failed', 'parked'],
  generated: ['downloaded', 'failed', 'parked'],
  downloaded: ['analyzed', 'failed', 'parked'],
  analyzed: ['judged', 'failed', 'parked'],
  judged: [],
  failed: [],
  parked: [],
};

/** True when `from → to` is an allowed journal step (parked resumption is checked against parked_from). */
export function canTransition(from: JobState, to: JobState, parkedFrom?: JobState | null): boolean {
  if (from === 'parked') return parkedFrom !== undefined && parkedFrom !== null && to === parkedFrom;
  return JOB_TRANSITIONS[from].includes(to);
}

export const EXPERIMENT_STATUSES = ['planned', 'running', 'stopped', 'completed', 'failed'] as const;
export const ExperimentStatusSchema = z.enum(EXPERIMENT_STATUSES);
export type ExperimentStatus = z.infer<typeof ExperimentStatusSchema>;

const json = z.record(z.string(), z.unknown());

export const ExperimentRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  preset_id: z.string().nullable(),
  preset_version: z.number().int().nullable(),
  /** "id@version" or null. */
  preset: z.string().nullable(),
  provider: z.string(),
  model: z.string().nullable(),
  variable: z.string().nullable(),
  config_hash: z.string().nullable(),
  status: ExperimentStatusSchema,
  budget_usd: z.number().nullable(),
  simulated: z.boolean(),
  config: json,
  plan: json,
  summary: json.nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  finished_at: z.string().nullable(),
  iso_week: z.string(),
});
export type ExperimentRecord = z.infer<typeof ExperimentRecordSchema>;

export const JobErrorSchema = z.object({ code: z.string(), message: z.string() }).catchall(z.unknown());
export type JobError = z.infer<typeof JobErrorSchema>;

export const JobRecordSchema = z.object({
  id: z.number().int(),
  experiment_id: z.string(),
  job_key: z.string(),
  state: JobStateSchema,
  parked_from: JobStateSchema.nullable(),
  preset: z.string().nullable(),
  provider: z.string(),
  model: z.string().nullable(),
  prompt_hash: z.string().nullable(),
  request_hash: z.string().nullable(),
  skeleton_id: z.string().nullable(),
  reference_id: z.string().nullable(),
  motion_score: z.number().nullable(),
  camera_intent: z.string().nullable(),
  seed: z.number().int().nullable(),
  repeat_index: z.number().int(),
  pass_name: z.string().nullable(),
  sweep_value: z.unknown(),
  failover_of: z.number().int().nullable(),
  failover_reason: z.string().nullable(),
  reused_from: z.number().int().nullable(),
  provider_task_id: z.string().nullable(),
  clip_hash: z.string().nullable(),
  thumb_hash: z.string().nullable(),
  estimated_cost_usd: z.number().nullable(),
  cost_usd: z.number().nullable(),
  cost_basis: z.string().nullable(),
  /** Effective verdict: the latest human verdict if any, else the automatic one. */
  verdict: VerdictSchema.nullable(),
  simulated: z.boolean(),
  request: json,
  task_meta: json.nullable(),
  error: JobErrorSchema.nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  submitted_at: z.string().nullable(),
  finished_at: z.string().nullable(),
  iso_week: z.string(),
});
export type JobRecord = z.infer<typeof JobRecordSchema>;

export const ASSET_KINDS = ['clip', 'contact_sheet', 'reference', 'other'] as const;
export const AssetRecordSchema = z.object({
  content_hash: z.string(),
  kind: z.enum(ASSET_KINDS),
  /** Relative to the workspace root when the file lives inside it, else absolute. */
  path: z.string(),
  bytes: z.number().int().min(0),
  duration_s: z.number().nullable(),
  content_type: z.string().nullable(),
  simulated: z.boolean(),
  created_at: z.string(),
});
export type AssetRecord = z.infer<typeof AssetRecordSchema>;

export const ATTEMPT_PHASES = ['submit', 'status', 'download', 'lookup', 'analyze'] as const;
export const AttemptRecordSchema = z.object({
  id: z.number().int(),
  job_id: z.number().int(),
  phase: z.enum(ATTEMPT_PHASES),
  attempts: z.number().int().min(1),
  total_delay_ms: z.number().min(0),
  latency_ms: z.number().nullable(),
  outcome: z.enum(['ok', 'error']),
  error_code: z.string().nullable(),
  http_status: z.number().int().nullable(),
  detail: json.nullable(),
  created_at: z.string(),
});
export type AttemptRecord = z.infer<typeof AttemptRecordSchema>;

export const PresetApprovalRecordSchema = z.object({
  id: z.number().int(),
  preset_id: z.string(),
  version: z.number().int(),
  range_min: z.number().nullable(),
  range_max: z.number().nullable(),
  run_id: z.string().nullable(),
  evidence: json,
  preset: json.nullable(),
  approved_at: z.string(),
  retired: z.boolean(),
  retired_at: z.string().nullable(),
  retired_reason: z.string().nullable(),
  replacement: z.string().nullable(),
});
export type PresetApprovalRecord = z.infer<typeof PresetApprovalRecordSchema>;

/** A job with everything a report row shows: analysis, verdicts, media, retry counts. */
export const JobViewSchema = JobRecordSchema.extend({
  analysis: AnalysisResultSchema.nullable(),
  auto_verdict: VerdictRecordSchema.nullable(),
  human_verdict: VerdictRecordSchema.nullable(),
  clip: AssetRecordSchema.nullable(),
  thumb: AssetRecordSchema.nullable(),
  attempt_count: z.number().int().min(0),
  retry_count: z.number().int().min(0),
});
export type JobView = z.infer<typeof JobViewSchema>;

/** A run with its jobs: the plain-data input of every report renderer. */
export const RunViewSchema = z.object({
  experiment: ExperimentRecordSchema,
  jobs: z.array(JobViewSchema),
});
export type RunView = z.infer<typeof RunViewSchema>;

/** One judged-or-failed job, reduced to what `clipbench stats` aggregates. */
export const StatRowSchema = z.object({
  job_id: z.number().int(),
  experiment_id: z.string(),
  iso_week: z.string(),
  preset: z.string().nullable(),
  provider: z.string(),
  model: z.string().nullable(),
  state: JobStateSchema,
  verdict: VerdictSchema.nullable(),
  cost_usd: z.number().nullable(),
  motion_score: z.number().nullable(),
  simulated: z.boolean(),
});
export type StatRow = z.infer<typeof StatRowSchema>;
