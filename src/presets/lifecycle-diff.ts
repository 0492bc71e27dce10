/** `presets diff a b`: the changed leaves between two preset versions, lifecycle fields apart. */
import { diffLeaves, type LeafChange } from '../contract/diff.ts';
import { PRESET_LIFECYCLE_FIELDS, type Preset } from '../contract/preset.ts';

export type PresetDiff = {
  /** Content changes (what a new version changed). */
  changes: LeafChange[];
  /** Lifecycle changes (status, replacement, reason), shown apart because they are not content. */
  lifecycle: LeafChange[];
};

/** Diffs two resolved preset versions. `id` and `version` are the labels, not changes. */
export function diffPresets(a: Preset, b: Preset): PresetDiff {
  const strip = (p: Preset) => {
    const { id: _id, version: _version, ...rest } = p;
    return rest;
  };
  const all = diffLeaves(strip(a), strip(b));
  const isLifecycle = (c: LeafChange) =>
    (PRESET_LIFECYCLE_FIELDS as readonly string[]).includes(c.path.split(/[.[]/)[0] ?? '');
  return { changes: all.filter((c) => !isLifecycle(c)), lifecycle: all.filter(isLifecycle) };
}
