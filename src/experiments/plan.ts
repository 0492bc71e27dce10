/**
 * `clipbench plan`: the file-system edge around pure expansion. Reads the experiment file, its base
 * request file and `from:` experiment if any, resolves media paths against the experiment's folder,
 * hashes media by content, expands, and prices every job — without running anything.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { type Experiment, ExperimentSchema } from '../contract/experiment.ts';
import { loadDocument } from '../contract/load.ts';
import { fileMediaHasher, isContentId, isUrl } from '../contract/media-hash.ts';
import { presetRef } from '../contract/preset.ts';
import { invalidDocumentError } from '../contract/zod-issues.ts';
import { loadPresetCatalog, type PresetCatalog } from '../presets/catalog.ts';
import type { Previous } from './continuation.ts';
import { estimateJobCostUsd } from './cost.ts';
import {
  type ExpandContext,
  expandExperiment,
  experimentBase,
  experimentPreset,
  type PlannedJob,
} from './expand.ts';
import { experimentVariables } from './variables.ts';

export type LoadedExperiment = { experiment: Experiment; file: string; dir: string; shown: string };

/** Reads and validates an experiment file. */
export function loadExperimentFile(path: string, cwd: string): LoadedExperiment {
  const doc = loadDocument(path, cwd);
  const parsed = ExperimentSchema.safeParse(doc.data);
  if (!parsed.success)
    throw invalidDocumentError(parsed.error, ExperimentSchema, { file: path, what: 'the experiment' });
  return { experiment: parsed.data, file: doc.file, dir: doc.dir, shown: path };
}

function absoluteMedia(ref: unknown, dir: string): unknown {
  if (typeof ref !== 'string' || isUrl(ref) || isContentId(ref) || isAbsolute(ref)) return ref;
  return resolve(dir, ref);
}

/** Rewrites relative media paths in a request document to absolute ones (the runner reads them later). */
function withAbsoluteMedia(doc: Record<string, unknown>, dir: string): Record<string, unknown> {
  const out = { ...doc };
  const identity = out['identity'];
  if (identity && typeof identity === 'object') {
    const id = { ...(identity as Record<string, unknown>) };
    if ('reference_image' in id) id['reference_image'] = absoluteMedia(id['reference_image'], dir);
    out['identity'] = id;
  }
  const source = out['motion_source'];
  if (source && typeof source === 'object') {
    const ms = { ...(source as Record<string, unknown>) };
    if ('reference_video' in ms) ms['reference_video'] = absoluteMedia(ms['reference_video'], dir);
    out['motion_source'] = ms;
  }
  return out;
}

/** The experiment with its base document loaded and media paths made absolute. */
function prepare(
  loaded: LoadedExperiment,
  cwd: string,
): { experiment: Experiment; baseDocument?: Record<string, unknown> } {
  const { experiment, dir } = loaded;
  const references = experiment.references.map((r) => absoluteMedia(r, dir) as string);
  if (typeof experiment.base === 'string') {
    const baseDoc = loadDocument(resolve(dir, experiment.base), cwd);
    return {
      experiment: { ...experiment, references },
      baseDocument: withAbsoluteMedia(baseDoc.data, baseDoc.dir),
    };
  }
  const base = experiment.base === undefined ? undefined : withAbsoluteMedia(experiment.base, dir);
  return { experiment: { ...experiment, references, ...(base ? { base } : {}) } };
}

/** `from:` naming an experiment file: its base and varied paths, for the one-change rule. */
function previousFromFile(
  loaded: LoadedExperiment,
  presets: PresetCatalog,
  cwd: string,
): Previous | undefined {
  const from = loaded.experiment.from;
  if (from === undefined) return undefined;
  const path = resolve(loaded.dir, from);
  if (!/\.(ya?ml|json)$/i.test(from) && !existsSync(path)) return undefined; // a preset ref
  const prev = loadExperimentFile(path, cwd);
  const prepared = prepare(prev, cwd);
  const ctx: ExpandContext = {
    presets,
    hashMedia: fileMediaHasher(prev.dir),
    file: from,
    ...(prepared.baseDocument ? { baseDocument: prepared.baseDocument } : {}),
  };
  const preset = experimentPreset(prepared.experiment, { ...ctx, presets });
  const variables = experimentVariables(prepared.experiment, preset, ctx);
  return {
    label: from,
    base: experimentBase(prepared.experiment, preset, ctx),
    variedPaths: variables.map((v) => v.path),
  };
}

export type PlannedJobWithCost = PlannedJob & { costUsd: number; costBasis: string; warnings: string[] };

export type ExperimentPlan = {
  file: string;
  name: string | undefined;
  preset: string | undefined;
  design: Experiment['design'];
  budgetUsd: number | undefined;
  jobs: PlannedJobWithCost[];
  totalCostUsd: number;
  overBudget: boolean;
  warnings: string[];
};

/** Per-job warnings from the provider registry (capabilities), injected once it exists. */
export type CapabilityWarnings = (job: PlannedJob) => string[];

/** Loads, expands and prices an experiment file. */
export function planExperiment(
  path: string,
  options: { cwd: string; presets?: PresetCatalog; capabilityWarnings?: CapabilityWarnings },
): ExperimentPlan {
  const presets = options.presets ?? loadPresetCatalog({ cwd: options.cwd });
  const loaded = loadExperimentFile(path, options.cwd);
  const prepared = prepare(loaded, options.cwd);
  const previous = previousFromFile(loaded, presets, options.cwd);
  const jobs = expandExperiment(prepared.experiment, {
    presets,
    hashMedia: fileMediaHasher(loaded.dir, { file: path }),
    file: path,
    ...(prepared.baseDocument ? { baseDocument: prepared.baseDocument } : {}),
    ...(previous ? { previous } : {}),
  });
  const priced = jobs.map((job) => {
    const cost = estimateJobCostUsd(job.provider, job.model, job.request);
    return {
      ...job,
      costUsd: cost.amountUsd,
      costBasis: cost.basis,
      warnings: options.capabilityWarnings?.(job) ?? [],
    };
  });
  const totalCostUsd = Math.round(priced.reduce((sum, j) => sum + j.costUsd, 0) * 1000) / 1000;
  const budgetUsd = loaded.experiment.budget_usd;
  const overBudget = budgetUsd !== undefined && totalCostUsd > budgetUsd;
  const preset = experimentPreset(prepared.experiment, { presets, hashMedia: () => '', file: path });
  const warnings: string[] = [];
  if (loaded.experiment.design === 'factorial')
    warnings.push('design: factorial — single-variable enforcement is OFF for this experiment');
  if (overBudget)
    warnings.push(
      `estimated cost $${totalCostUsd} exceeds budget_usd $${budgetUsd}; the runner will stop at the budget`,
    );
  if (priced.some((j) => j.provider === 'simulator'))
    warnings.push('simulator jobs produce SIMULATED clips at a simulated price (offline, no real money)');
  return {
    file: path,
    name: loaded.experiment.name,
    preset: preset ? presetRef(preset) : undefined,
    design: loaded.experiment.design,
    budgetUsd,
    jobs: priced,
    totalCostUsd,
    overBudget,
    warnings,
  };
}
