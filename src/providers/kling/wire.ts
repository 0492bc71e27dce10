/**
 * Kling wire shapes (official API, see shared/reference/providers.md §1): the envelope
 * `{code, message, request_id, data}` and task data. Schemas are lenient on extra fields
 * (the vendor adds fields over time) and strict on the ones we use.
 */
import { z } from 'zod';

/** Task families; a task must be queried under the family it was created on. */
export const KLING_FAMILIES = ['text2video', 'image2video', 'motion-control'] as const;
export type KlingFamily = (typeof KLING_FAMILIES)[number];

export const KLING_TASK_STATUSES = ['submitted', 'processing', 'succeed', 'failed'] as const;

export const KlingEnvelopeHeadSchema = z.object({
  code: z.number(),
  message: z.string().optional(),
  request_id: z.string().optional(),
});

export const KlingTaskSchema = z.object({
  task_id: z.string().min(1),
  task_status: z.enum(KLING_TASK_STATUSES),
  task_status_msg: z.string().optional(),
  task_info: z.object({ external_task_id: z.string().optional() }).partial().optional(),
  final_unit_deduction: z.string().optional(),
  task_result: z
    .object({
      videos: z.array(
        z.object({ id: z.string().optional(), url: z.string().url(), duration: z.string().optional() }),
      ),
    })
    .optional(),
  created_at: z.number().optional(),
  updated_at: z.number().optional(),
});
export type KlingTask = z.infer<typeof KlingTaskSchema>;

export const KlingTaskEnvelopeSchema = KlingEnvelopeHeadSchema.extend({ data: KlingTaskSchema });
export const KlingListEnvelopeSchema = KlingEnvelopeHeadSchema.extend({ data: z.array(KlingTaskSchema) });

export type KlingCameraConfig = {
  horizontal?: number;
  vertical?: number;
  pan?: number;
  tilt?: number;
  roll?: number;
  zoom?: number;
};
export type KlingCameraControl =
  | { type: 'simple'; config: KlingCameraConfig }
  | { type: 'down_back' | 'forward_up' | 'right_turn_forward' | 'left_turn_forward' };

/** A create-task body (fields common to the families; each family uses its subset). */
export type KlingCreateBody = Record<string, unknown> & { external_task_id: string };
