/**
 * `from:` continuation: an experiment that names what it continues (a preset version or a previous
 * experiment) may differ from it in at most ONE leaf path, counting its own new variable. Leaves the
 * previous never set (e.g. the subject a preset leaves open) are being filled in, not changed; the
 * previous experiment's own varied paths had no single base value, so locking them is not a change.
 */

import type { z } from 'zod';
import { diffLeaves, formatChanges, type LeafChange } from '../contract/diff.ts';
import { IdentityShape, VideoRequestSchema } from '../contract/request.ts';
import { InputError } from '../errors/input-error.ts';

/** Defaults applied layer by layer, tolerating layers that are not complete yet (a preset's defaults). */
export function looseNormalise(doc: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...doc };
  const shape = { ...VideoRequestSchema.shape, identity: IdentityShape } as Record<string, z.ZodType>;
  for (const [layer, schema] of Object.entries(shape)) {
    const parsed = schema.safeParse(doc[layer]);
    if (parsed.success && parsed.data !== undefined) out[layer] = parsed.data;
  }
  return out;
}

/** What the experiment continues, reduced to comparable plain data. */
export type Previous = { label: string; base: Record<string, unknown>; variedPaths: readonly string[] };

function under(path: string, roots: readonly string[]): boolean {
  return roots.some((root) => path === root || path.startsWith(`${root}.`));
}

/** The leaf changes from `previous` to this experiment (its base plus its varied paths). */
export function continuationChanges(
  previous: Previous,
  base: Record<string, unknown>,
  variables: ReadonlyArray<{ path: string; values: unknown[] }>,
  options: { ignore?: readonly string[] } = {},
): LeafChange[] {
  const varied = variables.map((v) => v.path);
  const ignored = [...previous.variedPaths, ...varied, ...(options.ignore ?? [])];
  const changes = diffLeaves(looseNormalise(previous.base), looseNormalise(base)).filter(
    (change) => change.old !== undefined && !under(change.path, ignored),
  );
  const newVariables = variables
    .filter((v) => !previous.variedPaths.includes(v.path))
    .map((v) => ({ path: v.path, old: pathValue(looseNormalise(previous.base), v.path), new: v.values }));
  return [...changes, ...newVariables];
}

function pathValue(doc: unknown, path: string): unknown {
  let current = doc;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Throws unless at most one leaf changed; the error names every changed path with old → new. */
export function checkContinuation(changes: readonly LeafChange[], previous: Previous, file?: string): void {
  if (changes.length <= 1) return;
  throw new InputError({
    code: 'too_many_changes',
    message: `this experiment differs from ${previous.label} in ${changes.length} places (at most 1 allowed):\n  ${formatChanges(changes).join('\n  ')}`,
    field: 'from',
    file,
    hint: 'change one thing per experiment (continue from this one for the next change), or set `design: factorial`',
  });
}
