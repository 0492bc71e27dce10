/** Request and response payloads of the dashboard API, built from the contract schemas. */
import { z } from 'zod';
import { VerdictRecordSchema, VerdictSchema } from '../contract/verdict.ts';

/** POST /api/jobs/:id/verdict — a human verdict (it wins over the automatic one). */
export const ReviewInputSchema = z.strictObject({
  verdict: VerdictSchema,
  note: z.string().max(2000).optional(),
  reviewer: z.string().min(1).max(200).optional(),
});
export type ReviewInput = z.infer<typeof ReviewInputSchema>;

/** Path parameter of job routes: a positive integer job id. */
export const JobIdSchema = z.coerce.number().int().positive();

export const AgreementSchema = z.object({
  compared: z.number().int().min(0),
  agreed: z.number().int().min(0),
  rate: z.number().min(0).max(1).nullable(),
});

export const ReviewResponseSchema = z.object({
  job_id: z.number().int(),
  run_id: z.string(),
  recorded: VerdictRecordSchema,
  automatic: VerdictSchema.nullable(),
  effective: VerdictSchema,
  agreement: AgreementSchema,
  agreement_text: z.string(),
  usable_rate_text: z.string(),
  spend_text: z.string(),
});
export type ReviewResponse = z.infer<typeof ReviewResponseSchema>;

/** Every API error body: `{ error: { code, message, hint? } }`. */
export type ApiErrorBody = { error: { code: string; message: string; hint?: string; issues?: unknown } };
