/**
 * Zod schemas of Replicate API bodies. Responses are untrusted: parsed here, and a body that does not
 * parse becomes a typed error naming the provider and prediction id. Objects are loose (Replicate
 * adds fields); only what clipbench reads is required.
 */
import { z } from 'zod';

export const REPLICATE_STATUSES = [
  'starting',
  'processing',
  'succeeded',
  'failed',
  'canceled',
  'aborted',
] as const;

export const PredictionSchema = z.looseObject({
  id: z.string().min(1),
  status: z.enum(REPLICATE_STATUSES),
  model: z.string().optional(),
  version: z.string().nullable().optional(),
  output: z.unknown().optional(),
  error: z.unknown().optional(),
  urls: z.looseObject({ get: z.url().optional(), cancel: z.url().optional() }).optional(),
  metrics: z.looseObject({ predict_time: z.number().optional() }).nullable().optional(),
  created_at: z.string().optional(),
});
export type Prediction = z.infer<typeof PredictionSchema>;

/** Error bodies are problem+json: `{title, detail, status}`, 422 adds `invalid_fields`, 429 may add `retry_after`. */
export const ReplicateErrorBodySchema = z.looseObject({
  title: z.string().optional(),
  detail: z.string().optional(),
  status: z.number().optional(),
  retry_after: z.number().optional(),
  invalid_fields: z.array(z.unknown()).optional(),
});
export type ReplicateErrorBody = z.infer<typeof ReplicateErrorBodySchema>;
