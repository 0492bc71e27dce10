/**
 * The evidence an approval records: what a run measured with a preset version (usable rate overall
 * and per motion_score, mean rubric scores, camera-intent match) and the approved range derived from
 * it. Stored as JSON in the approval row and read back by `clipbench check` as the regression baseline.
 */
import { z } from 'zod';

export const EVIDENCE_KIND = 'clipbench.run-evidence';

const RatePointSchema = z.object({
  motion_score: z.number(),
  judged: z.number().int().min(0),
  usable: z.number().int().min(0),
  usable_rate: z.number().min(0).max(1).nullable(),
});

const MeanScoresSchema = z.object({
  temporal_continuity: z.number().nullable(),
  subject_integrity: z.number().nullable(),
  camera_intent_match: z.number().nullable(),
});

export const RunEvidenceSchema = z.object({
  kind: z.literal(EVIDENCE_KIND),
  run_id: z.string(),
  preset: z.string().nullable(),
  provider: z.string(),
  model: z.string().nullable(),
  simulated: z.boolean(),
  jobs: z.number().int().min(0),
  judged: z.number().int().min(0),
  usable: z.number().int().min(0),
  /** Jobs that ended without a judged clip (provider failure, moderation, …). */
  failed_jobs: z.number().int().min(0),
  usable_rate: z.number().min(0).max(1).nullable(),
  by_motion_score: z.array(RatePointSchema),
  /** Mean automatic rubric scores over judged clips (null when none were scored). */
  mean_scores: MeanScoresSchema,
  /** Share of scored clips whose camera-intent-match check held. */
  camera_intent_match_rate: z.number().min(0).max(1).nullable(),
  usable_rate_min: z.number().min(0).max(1),
  recommended_range: z.object({ min: z.number(), max: z.number(), reason: z.string() }).nullable(),
  cost_usd: z.number().min(0),
});
export type RunEvidence = z.infer<typeof RunEvidenceSchema>;
export type RatePoint = z.infer<typeof RatePointSchema>;

/** Reads evidence stored in an approval row; null when the row carries none (e.g. a catalog import). */
export function parseRunEvidence(stored: Record<string, unknown>): RunEvidence | null {
  const parsed = RunEvidenceSchema.safeParse(stored['run']);
  return parsed.success ? parsed.data : null;
}
