/**
 * Pure expansion of an experiment into planned jobs: points of the ONE varied variable × reference
 * set × providers × seeds × repeats, each with its normalised request and deterministic job key.
 * Input/output only plain data plus an injected media hasher; see plan.ts for the file-system edge.
 */
import { requestCameraMove } from '../camera/request-move.ts';
import { canonicalHash } from '../contract/canonical.ts';
import { deepMerge, setAtPath } from '../contract/diff.ts';
import type { Experiment, ProviderChoice } from '../contract/experiment.ts';
import type { MediaHasher } from '../contract/media-hash.ts';
import { canonicalRequest, parseRequest } from '../contract/normalise.ts';
import type { Preset } from '../contract/preset.ts';
import type { VideoRequest } from '../contract/request.ts';
import { InvalidDocumentError, problemsError } from '../contract/zod-issues.ts';
import { InputError } from '../errors/input-error.ts';
import type { PresetCatalog } from '../presets/catalog.ts';
import { resolvePreset } from '../presets/resolve.ts';
import { checkContinuation, continuationChanges, type Previous } from './continuation.ts';
import { jobKey } from './job-key.ts';
import { experimentVariables, type PassLabel, type Variable } from './variables.ts';

/** Model id used when neither the experiment nor the request names one; the provider resolves it. */
export const DEFAULT_MODEL = 'default';

export type VariedValue = { path: string; value: unknown };

export type PlannedJob = {
  jobKey: string;
  /** Normalised request (defaults applied, prompt rendered); media paths as given to expansion. */
  request: VideoRequest;
  /** sha256 of the canonical request (media by content). */
  requestHash: string;
  provider: string;
  model: string;
  seed: number;
  repeat: number;
  /** Content id of the reference video (`none` without one). */
  referenceId: string;
  /** The varied path and its value at this point (factorial: every factor, in `factors`). */
  varied: VariedValue;
  factors: VariedValue[];
  pointIndex: number;
  pass?: PassLabel;
};

export type ExpandContext = {
  presets: PresetCatalog;
  hashMedia: MediaHasher;
  file?: string | undefined;
  /** The base request document when `experiment.base` is a file path (read by plan.ts). */
  baseDocument?: Record<string, unknown>;
  /** What `from:` resolves to when it names a previous experiment file (read by plan.ts). */
  previous?: Previous;
};

/** The experiment's preset, if any (retired presets refused for a new run). */
export function experimentPreset(experiment: Experiment, ctx: ExpandContext): Preset | undefined {
  if (experiment.preset === undefined) return undefined;
  return resolvePreset(ctx.presets, experiment.preset, { field: 'preset', file: ctx.file });
}

/** The base request document: preset request defaults, then the experiment's base over them. */
export function experimentBase(
  experiment: Experiment,
  preset: Preset | undefined,
  ctx: ExpandContext,
): Record<string, unknown> {
  const own = typeof experiment.base === 'string' ? (ctx.baseDocument ?? {}) : (experiment.base ?? {});
  return deepMerge(preset?.request ?? {}, own) as Record<string, unknown>;
}

function providerOf(choice: ProviderChoice): { id: string; model: string | undefined } {
  if (typeof choice !== 'string') return { id: choice.id, model: choice.model };
  const [id = choice, model] = choice.split(/:(.*)/s);
  return { id, model: model || undefined };
}

/** Cartesian product of the variables' values (one variable: its values). */
function points(variables: readonly Variable[]): Array<{ factors: VariedValue[]; pass?: PassLabel }> {
  let out: Array<{ factors: VariedValue[]; pass?: PassLabel }> = [{ factors: [] }];
  for (const variable of variables) {
    out = out.flatMap((point) =>
      variable.values.map((value, i) => {
        const pass = variable.passes?.[i];
        return { factors: [...point.factors, { path: variable.path, value }], ...(pass ? { pass } : {}) };
      }),
    );
  }
  return out;
}

/** Builds and validates one point's request; problems name `vary.values[i]` or `base.<path>`. */
function pointRequest(
  doc: Record<string, unknown>,
  factors: VariedValue[],
  index: number,
  ctx: ExpandContext,
): VideoRequest {
  let withValues = doc;
  for (const f of factors) withValues = setAtPath(withValues, f.path, f.value);
  try {
    const request = parseRequest(withValues);
    requestCameraMove(request);
    return request;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const problems =
      error instanceof InvalidDocumentError
        ? error.problems
        : [{ path: error.field ?? '(request)', message: error.message, hint: error.hint }];
    const renamed = problems.map((p) => {
      const factor = factors.find(
        (f) => p.path === f.path || p.path.startsWith(`${f.path}.`) || p.path.startsWith(`${f.path}[`),
      );
      const label = factor
        ? `vary.values[${index}] (${p.path} = ${JSON.stringify(factor.value)})`
        : `base.${p.path}`;
      return { ...p, path: label };
    });
    throw problemsError(renamed, {
      file: ctx.file,
      what: 'the experiment',
      code: error.code === 'unknown_camera_phrase' ? error.code : 'invalid_document',
    });
  }
}

/** The previous document `from:` names, when it is a preset (files are resolved by plan.ts). */
function previousOf(experiment: Experiment, ctx: ExpandContext): Previous | undefined {
  if (experiment.from === undefined) return undefined;
  if (ctx.previous) return ctx.previous;
  const preset = resolvePreset(ctx.presets, experiment.from, {
    field: 'from',
    file: ctx.file,
    forNewRun: false,
  });
  return { label: experiment.from, base: preset.request, variedPaths: [] };
}

/** Expands an experiment into planned jobs; throws InputError naming the field at fault. */
export function expandExperiment(experiment: Experiment, ctx: ExpandContext): PlannedJob[] {
  const preset = experimentPreset(experiment, ctx);
  const variables = experimentVariables(experiment, preset, ctx);
  const base = experimentBase(experiment, preset, ctx);
  const previous = previousOf(experiment, ctx);
  if (previous !== undefined && experiment.design !== 'factorial') {
    // The reference set is replication, not a variable: it never counts as a change.
    const ignore = experiment.references.length > 0 ? ['motion_source'] : [];
    checkContinuation(continuationChanges(previous, base, variables, { ignore }), previous, ctx.file);
  }
  const references = experiment.references.length > 0 ? experiment.references : [undefined];
  const jobs: PlannedJob[] = [];
  for (const [pointIndex, point] of points(variables).entries()) {
    for (const reference of references) {
      const doc =
        reference === undefined
          ? base
          : setAtPath(
              setAtPath(base, 'motion_source.reference_video', reference),
              'motion_source.reference_id',
              'auto',
            );
      const pointReq = pointRequest(doc, point.factors, pointIndex, ctx);
      for (const choice of experiment.providers) {
        const { id, model: chosen } = providerOf(choice);
        const model =
          chosen ?? (pointReq.provider.id === id ? pointReq.provider.model : undefined) ?? DEFAULT_MODEL;
        const request: VideoRequest = { ...pointReq, provider: { ...pointReq.provider, id, model } };
        const canonical = canonicalRequest(request, ctx.hashMedia);
        const requestHash = canonicalHash(canonical);
        for (const seed of experiment.seeds) {
          for (let repeat = 0; repeat < experiment.repeats; repeat++) {
            const factors = point.factors;
            const varied: VariedValue =
              factors.length === 1
                ? (factors[0] as VariedValue)
                : { path: factors.map((f) => f.path).join(' × '), value: factors.map((f) => f.value) };
            jobs.push({
              jobKey: jobKey({ canonicalRequest: canonical, provider: id, model, seed, repeat }),
              request,
              requestHash,
              provider: id,
              model,
              seed,
              repeat,
              referenceId: canonical.motion_source.reference_id,
              varied,
              factors,
              pointIndex,
              ...(point.pass ? { pass: point.pass } : {}),
            });
          }
        }
      }
    }
  }
  return jobs;
}
