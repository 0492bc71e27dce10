/**
 * Leaf-path diff of two plain-data documents (normalised requests, presets). Objects are walked;
 * arrays and scalars are leaves, because a reordered constraint list is one change to one setting,
 * not N changes. Used by `clipbench diff`, single-variable enforcement and preset diffs.
 */
import { canonicalJson } from './canonical.ts';

/** One changed leaf: `undefined` on a side means the path is absent there. */
export type LeafChange = { path: string; old: unknown; new: unknown };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** Every leaf path whose value differs between `a` and `b`, sorted by path. */
export function diffLeaves(a: unknown, b: unknown, prefix = ''): LeafChange[] {
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((key) => {
      const left = a[key];
      const right = b[key];
      if (left === undefined && right === undefined) return [];
      return diffLeaves(left, right, prefix ? `${prefix}.${key}` : key);
    });
  }
  if (same(a, b)) return [];
  // An object replaced by a scalar (or absent) reports each of its leaves, so paths stay leaf paths.
  if (isPlainObject(a) && !isPlainObject(b))
    return scalarSide(b, prefix, 'new').concat(diffLeaves(a, {}, prefix));
  if (isPlainObject(b) && !isPlainObject(a))
    return scalarSide(a, prefix, 'old').concat(diffLeaves({}, b, prefix));
  return [{ path: prefix || '(root)', old: a, new: b }];
}

function scalarSide(value: unknown, path: string, side: 'old' | 'new'): LeafChange[] {
  if (value === undefined) return [];
  return [side === 'old' ? { path, old: value, new: undefined } : { path, old: undefined, new: value }];
}

/** Short display of a value in a change line. */
export function showValue(value: unknown): string {
  return value === undefined ? '(absent)' : JSON.stringify(value);
}

/** `motion.motion_score: 3 → 5` lines. */
export function formatChanges(changes: readonly LeafChange[]): string[] {
  return changes.map((c) => `${c.path}: ${showValue(c.old)} → ${showValue(c.new)}`);
}

/** Reads the value at a dotted path (undefined when absent). */
export function getAtPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Returns a copy of `value` with `path` set (intermediate objects created as needed). */
export function setAtPath<T>(value: T, path: string, next: unknown): T {
  const keys = path.split('.');
  const root: Record<string, unknown> = isPlainObject(value) ? { ...value } : {};
  let cursor = root;
  for (const [index, key] of keys.entries()) {
    if (index === keys.length - 1) {
      cursor[key] = next;
    } else {
      const child = cursor[key];
      const copy: Record<string, unknown> = isPlainObject(child) ? { ...child } : {};
      cursor[key] = copy;
      cursor = copy;
    }
  }
  return root as T;
}

/** Deep merge for layered documents: objects merge key by key, everything else is replaced by `over`. */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = deepMerge(base[key], value);
  return out;
}
