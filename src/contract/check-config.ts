/**
 * The `clipbench check` config file (`clipbench.check.yaml`): which files CI validates, which motion
 * sources it gates, which preset it sweeps on which provider, and the spend cap. Paths and globs are
 * relative to the config file's folder.
 */
import { z } from 'zod';
import { ProviderChoiceSchema } from './experiment.ts';
import { PresetRefSchema } from './preset.ts';

const SweepConfigSchema = z.strictObject({
  base: z
    .record(z.string(), z.unknown())
    .default({})
    .describe(
      'request fields layered over the preset defaults for every sweep clip (keep `output` tiny in CI)',
    ),
  seeds: z.array(z.number().int().min(0)).min(1).default([0]).describe('replication, not a variable'),
  repeats: z.number().int().min(1).max(20).default(1).describe('clips per sweep point, seed and reference'),
  references: z
    .array(z.string().min(1))
    .default([])
    .describe('motion sources the sweep runs on (default: the top-level `references`)'),
});

const GateConfigSchema = z.strictObject({
  min_duration_s: z.number().positive().optional().describe('shortest usable motion source (seconds)'),
});

const RegressionConfigSchema = z.strictObject({
  require_baseline: z
    .boolean()
    .default(false)
    .describe('fail (instead of a visible skip) when the preset has no approved version with evidence yet'),
});

export const CheckConfigSchema = z.strictObject({
  preset: PresetRefSchema.describe(
    'the preset under test: `id` (newest approved) or `id@version` (e.g. a draft listed in `files`)',
  ),
  files: z
    .array(z.string().min(1))
    .default([])
    .describe('request, experiment and preset files (paths or globs) to schema-validate'),
  references: z
    .array(z.string().min(1))
    .default([])
    .describe('motion sources to gate (those named inside `files` are gated too)'),
  provider: ProviderChoiceSchema.default('simulator').describe(
    '`simulator` (default, offline), `kling`, `kling:model`, …',
  ),
  budget_usd: z.number().min(0).optional().describe('spend cap for the sweep; `--budget` overrides'),
  sweep: SweepConfigSchema.prefault({}),
  gate: GateConfigSchema.prefault({}),
  regression: RegressionConfigSchema.prefault({}),
});
export type CheckConfigInput = z.input<typeof CheckConfigSchema>;
export type CheckConfig = z.output<typeof CheckConfigSchema>;
