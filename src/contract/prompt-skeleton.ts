/**
 * Prompt skeletons: a frozen template with named slots that teams keep fixed while varying one slot
 * or knob (the brief's "subject + scene + camera intent + quality constraints"). The rendered prompt
 * and the skeleton id both enter the run log.
 */
import type { FieldProblem } from './zod-issues.ts';

export const SKELETON_SLOTS = ['subject', 'scene', 'style', 'camera', 'constraints'] as const;
export type SkeletonSlot = (typeof SKELETON_SLOTS)[number];

/** Where each slot's value comes from in the request, for error messages. */
export const SLOT_FIELDS: Record<SkeletonSlot, string> = {
  subject: 'identity.subject',
  scene: 'identity.scene',
  style: 'identity.style',
  camera: 'camera.intent',
  constraints: 'negative.constraints',
};

/** Slot names used in a template, in order of first appearance. */
export function templateSlots(template: string): string[] {
  return [...new Set([...template.matchAll(/\{([a-z_]+)\}/gi)].map((m) => m[1] ?? ''))];
}

/** Human phrasing of named constraints for the prompt: `no_cuts` → `no cuts`. */
export function constraintsText(constraints: readonly string[]): string | undefined {
  if (constraints.length === 0) return undefined;
  return constraints.map((c) => c.replaceAll('_', ' ')).join(', ');
}

export type RenderResult = { ok: true; prompt: string } | { ok: false; problems: FieldProblem[] };

/** Renders a template; every slot used must be known and have a value. */
export function renderSkeleton(
  template: string,
  values: Partial<Record<SkeletonSlot, string | undefined>>,
): RenderResult {
  const problems: FieldProblem[] = [];
  for (const slot of templateSlots(template)) {
    if (!(SKELETON_SLOTS as readonly string[]).includes(slot)) {
      problems.push({
        path: 'identity.skeleton.template',
        message: `unknown slot {${slot}}`,
        hint: `slots are ${SKELETON_SLOTS.map((s) => `{${s}}`).join(' ')}`,
      });
    } else if (values[slot as SkeletonSlot] === undefined) {
      problems.push({
        path: SLOT_FIELDS[slot as SkeletonSlot],
        message: `the skeleton uses {${slot}} but no value is given`,
        hint: `set ${SLOT_FIELDS[slot as SkeletonSlot]} or remove {${slot}} from the template`,
      });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const prompt = template
    .replace(/\{([a-z_]+)\}/gi, (_, slot: string) => values[slot as SkeletonSlot] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  return { ok: true, prompt };
}
