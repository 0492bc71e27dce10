/**
 * The experiment file (`clipbench.yaml` style): a base request (inline, a file, or a preset's
 * defaults) plus exactly ONE varied variable, and replication axes that are not variables
 * (providers, seeds, repeats, reference set). Single-variable rules that need more than one field
 * live in `experiments/expand.ts`; this file holds the shape.
 */
import { z } from 'zod';
import { PresetRefSchema } from './preset.ts';

/** One varied request path and the values it takes, in sweep order. */
export const VarySchema = z.strictObject({
  path: z.string().min(1).describe('dotted request path, e.g. motion.motion_score or camera.intent'),
  values: z.array(z.unknown()).min(1).describe('values in sweep order (motion_score steps are checked)'),
});
export type Vary = z.infer<typeof VarySchema>;

/** `simulator`, `kling`, `kling:kling-v2-1`, or `{id, model}`. */
export const ProviderChoiceSchema = z.union([
  z.string().regex(/^[a-z0-9][a-z0-9_-]*(:[^\s]+)?$/, 'expected `provider` or `provider:model`'),
  z.strictObject({ id: z.string().min(1), model: z.string().min(1).optional() }),
]);
export type ProviderChoice = z.infer<typeof ProviderChoiceSchema>;

export const DESIGNS = ['single', 'factorial'] as const;

export const ExperimentSchema = z.strictObject({
  name: z.string().min(1).optional(),
  description: z.string().optional(),
  preset: PresetRefSchema.optional().describe(
    'scenario preset whose request defaults, sweep and rubric apply',
  ),
  from: z
    .string()
    .min(1)
    .optional()
    .describe(
      'what this continues: `preset@version` or a previous experiment file; at most one leaf may differ',
    ),
  base: z
    .union([z.string().min(1), z.record(z.string(), z.unknown())])
    .optional()
    .describe('the base request: inline fields layered over the preset, or a path to a request file'),
  vary: z
    .union([VarySchema, z.array(VarySchema).min(1)])
    .optional()
    .describe('the ONE varied variable (a list of several needs `design: factorial`)'),
  three_pass: z
    .boolean()
    .optional()
    .describe("vary motion_score over the preset's baseline / mid / stress sweep points"),
  design: z
    .enum(DESIGNS)
    .default('single')
    .describe('`factorial` visibly turns single-variable enforcement off'),
  providers: z.array(ProviderChoiceSchema).min(1).default(['simulator']),
  budget_usd: z.number().min(0).optional().describe('hard stop for estimated + actual spend'),
  seeds: z.array(z.number().int().min(0)).min(1).default([0]).describe('replication, not a variable'),
  repeats: z.number().int().min(1).max(100).default(1).describe('runs per point and seed (replication)'),
  references: z
    .array(z.string().min(1))
    .default([])
    .describe('reference set: every point runs on each reference video (replication, not a variable)'),
});
export type ExperimentInput = z.input<typeof ExperimentSchema>;
export type Experiment = z.output<typeof ExperimentSchema>;
