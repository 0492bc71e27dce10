/**
 * Zod schemas of fal queue responses. Responses are untrusted input: every body is parsed here, and a
 * body that does not parse becomes a typed error naming the provider and request id. Objects are
 * loose (fal adds fields over time); only the fields clipbench reads are required.
 */
import { z } from 'zod';

export const FalSubmitBodySchema = z.looseObject({
  request_id: z.string().min(1),
  status_url: z.url(),
  response_url: z.url(),
  cancel_url: z.url(),
  status: z.string().optional(),
  queue_position: z.number().optional(),
});
export type FalSubmitBody = z.infer<typeof FalSubmitBodySchema>;

export const FalStatusBodySchema = z.looseObject({
  status: z.enum(['IN_QUEUE', 'IN_PROGRESS', 'COMPLETED']),
  queue_position: z.number().optional(),
  logs: z.array(z.unknown()).nullable().optional(),
  metrics: z.looseObject({ inference_time: z.number().nullable().optional() }).optional(),
});
export type FalStatusBody = z.infer<typeof FalStatusBodySchema>;

export const FalResultBodySchema = z.looseObject({
  video: z.looseObject({
    url: z.url(),
    content_type: z.string().optional(),
    file_size: z.number().optional(),
  }),
});
export type FalResultBody = z.infer<typeof FalResultBodySchema>;

const FalDetailItemSchema = z.looseObject({
  loc: z.array(z.union([z.string(), z.number()])).optional(),
  msg: z.string().optional(),
  type: z.string().optional(),
});

/** Error bodies: `{detail: "text"}` or FastAPI-style `{detail: [{loc, msg, type}]}`. */
export const FalErrorBodySchema = z.looseObject({
  detail: z.union([z.string(), z.array(FalDetailItemSchema)]).optional(),
});
export type FalErrorBody = z.infer<typeof FalErrorBodySchema>;

export const FalCancelBodySchema = z.looseObject({
  status: z.enum(['CANCELLATION_REQUESTED', 'ALREADY_COMPLETED', 'NOT_FOUND']),
});
export type FalCancelBody = z.infer<typeof FalCancelBodySchema>;
