/** Small helpers for mapping SQLite rows (0/1 integers, JSON text) to plain records. */

export type Row = Record<string, unknown>;

export function str(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

export function strOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

export function numOrNull(value: unknown): number | null {
  return typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : null;
}

export function num(value: unknown): number {
  return numOrNull(value) ?? 0;
}

export function bool(value: unknown): boolean {
  return value === 1 || value === true || value === 1n;
}

export function jsonOrNull<T>(value: unknown): T | null {
  if (typeof value !== 'string') return null;
  return JSON.parse(value) as T;
}

export function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}
