/**
 * Canonical JSON and hashing. Two documents that mean the same thing produce the same bytes: keys
 * sorted at every depth, `undefined` dropped, no whitespace, `-0` written as `0`. Hashes are sha256
 * hex over those bytes, so they are stable across key order, file formatting and YAML vs JSON.
 */
import { createHash } from 'node:crypto';

function canonicalValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : canonicalValue(item)));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const inner = (value as Record<string, unknown>)[key];
      if (inner !== undefined) out[key] = canonicalValue(inner);
    }
    return out;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`cannot hash a non-finite number (${value})`);
    return Object.is(value, -0) ? 0 : value;
  }
  return value;
}

/** Canonical JSON text of a plain-data value (sorted keys, no whitespace). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalValue(value)) ?? 'null';
}

/** sha256 of a string or bytes, as lowercase hex. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** sha256 hex of the canonical JSON of `value`. */
export function canonicalHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
