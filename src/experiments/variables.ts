/**
 * Single-variable enforcement: an experiment varies exactly one request path (or runs the preset's
 * three-pass motion_score sweep); several paths need a visible `design: factorial`; a varied path
 * must exist in the request contract; motion_score never jumps more than the preset allows.
 */
import type { Experiment } from '../contract/experiment.ts';
import type { Preset } from '../contract/preset.ts';
import { presetRef } from '../contract/preset.ts';
import { VideoRequestSchema } from '../contract/request.ts';
import { leafPaths, schemaAtPath, splitPath } from '../contract/schema-walk.ts';
import { closest } from '../contract/suggest.ts';
import { InputError } from '../errors/input-error.ts';

export const THREE_PASS_LABELS = ['baseline', 'mid', 'stress'] as const;
export type PassLabel = (typeof THREE_PASS_LABELS)[number];

/** Largest motion_score step when no preset says otherwise. */
export const DEFAULT_MAX_MOTION_INCREMENT = 2;

/** One varied path with its values in sweep order (and pass labels for three-pass plans). */
export type Variable = { path: string; values: unknown[]; passes?: PassLabel[] };

type Where = { file?: string | undefined };

/** The experiment's varied variables, validated against the contract and the preset. */
export function experimentVariables(
  experiment: Experiment,
  preset: Preset | undefined,
  where: Where,
): Variable[] {
  if (experiment.three_pass === true && experiment.vary !== undefined) {
    throw new InputError({
      code: 'too_many_variables',
      message: 'give either `vary` or `three_pass: true`, not both',
      field: 'three_pass',
      file: where.file,
      hint: 'three_pass already varies motion.motion_score over the preset sweep points',
    });
  }
  let variables: Variable[];
  if (experiment.three_pass === true) {
    if (preset === undefined) {
      throw new InputError({
        code: 'three_pass_needs_preset',
        message: '`three_pass: true` needs a `preset` (its sweep points are the three passes)',
        field: 'three_pass',
        file: where.file,
        hint: 'add `preset: product` (or ad, dance, narrative), or use `vary:` with explicit values',
      });
    }
    const { baseline, mid, stress } = preset.sweep;
    variables = [
      { path: 'motion.motion_score', values: [baseline, mid, stress], passes: [...THREE_PASS_LABELS] },
    ];
  } else if (experiment.vary === undefined) {
    throw new InputError({
      code: 'no_variable',
      message: 'an experiment varies exactly one variable, and this one varies none',
      field: 'vary',
      file: where.file,
      hint: 'add `vary: {path: motion.motion_score, values: [2, 3, 4]}` or `three_pass: true`',
    });
  } else {
    variables = (Array.isArray(experiment.vary) ? experiment.vary : [experiment.vary]).map((v) => ({
      path: v.path,
      values: v.values,
    }));
  }
  checkSingleVariable(variables, experiment, where);
  for (const [index, variable] of variables.entries()) {
    const field = Array.isArray(experiment.vary) ? `vary[${index}].path` : 'vary.path';
    checkPathExists(variable.path, { ...where, field });
    if (variable.path === 'motion.motion_score') checkMotionSteps(variable, preset, where, experiment);
  }
  return variables;
}

function checkSingleVariable(variables: Variable[], experiment: Experiment, where: Where): void {
  const paths = variables.map((v) => v.path);
  const duplicates = paths.filter((p, i) => paths.indexOf(p) !== i);
  if (duplicates.length > 0) {
    throw new InputError({
      code: 'duplicate_variable',
      message: `\`${duplicates[0]}\` is varied twice`,
      field: 'vary',
      file: where.file,
      hint: 'list all its values in one `vary` entry',
    });
  }
  if (variables.length > 1 && experiment.design !== 'factorial') {
    throw new InputError({
      code: 'too_many_variables',
      message: `an experiment varies one variable; this one varies ${variables.length}: ${paths.join(', ')}`,
      field: 'vary',
      file: where.file,
      hint: 'split it into one experiment per variable, or opt out visibly with `design: factorial`',
    });
  }
}

/** A vary path must name a field of the video request. */
export function checkPathExists(path: string, where: Where & { field: string }): void {
  if (schemaAtPath(VideoRequestSchema, splitPath(path)) !== undefined) return;
  const near = closest(path, leafPaths(VideoRequestSchema), { maxRatio: 0.6 });
  throw new InputError({
    code: 'unknown_vary_path',
    message: `\`${path}\` is not a field of the video request`,
    field: where.field,
    file: where.file,
    hint: near.length
      ? `did you mean ${near.map((p) => `\`${p}\``).join(' or ')}?`
      : 'see schema/request.schema.json for the fields',
  });
}

function checkMotionSteps(
  variable: Variable,
  preset: Preset | undefined,
  where: Where,
  experiment: Experiment,
): void {
  const maxStep = preset?.sweep.max_increment ?? DEFAULT_MAX_MOTION_INCREMENT;
  const source = preset ? `${presetRef(preset)} sweep.max_increment` : 'the default max increment';
  const numbers = variable.values.filter((v): v is number => typeof v === 'number');
  if (numbers.length !== variable.values.length) return; // wrong types are reported per value later
  for (let i = 1; i < numbers.length; i++) {
    const from = numbers[i - 1] as number;
    const to = numbers[i] as number;
    if (Math.abs(to - from) > maxStep + 1e-9) {
      const field = experiment.three_pass ? 'three_pass' : `vary.values[${i}]`;
      throw new InputError({
        code: 'motion_step_too_large',
        message: `motion_score step ${from} → ${to} (${to > from ? '+' : ''}${round(to - from)}) exceeds ${source} ${maxStep}`,
        field,
        file: where.file,
        hint: `never jump from low to extreme: insert intermediate values (e.g. ${round(from + Math.sign(to - from) * maxStep)})`,
      });
    }
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
