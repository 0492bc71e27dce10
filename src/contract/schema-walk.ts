/**
 * Walks a zod schema by a dotted path: which keys an object accepts at a path, and whether a path
 * exists at all. Used for "did you mean" hints on unknown keys and for checking `vary.path`.
 */
import { z } from 'zod';

/** Strips wrappers that do not change the shape (default, optional, nullable, pipe input). */
export function unwrapSchema(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  for (let i = 0; i < 20; i++) {
    if (
      current instanceof z.ZodDefault ||
      current instanceof z.ZodOptional ||
      current instanceof z.ZodNullable
    ) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.in as z.ZodType;
    } else {
      return current;
    }
  }
  return current;
}

/** The sub-schema at `path` (keys and array indexes), or undefined when the path does not exist. */
export function schemaAtPath(schema: z.ZodType, path: ReadonlyArray<string | number>): z.ZodType | undefined {
  let current: z.ZodType | undefined = unwrapSchema(schema);
  for (const segment of path) {
    if (current === undefined) return undefined;
    if (current instanceof z.ZodObject) {
      const shape = current.shape as Record<string, z.ZodType>;
      current = typeof segment === 'string' && segment in shape ? shape[segment] : undefined;
    } else if (current instanceof z.ZodArray) {
      current = /^\d+$/.test(String(segment)) ? (current.element as z.ZodType) : undefined;
    } else if (current instanceof z.ZodRecord) {
      // Records (e.g. provider.options) accept any key: the escape hatch is open by design.
      current = current.valueType as z.ZodType;
    } else if (current instanceof z.ZodUnknown || current instanceof z.ZodAny) {
      return current;
    } else {
      return undefined;
    }
    if (current !== undefined) current = unwrapSchema(current);
  }
  return current;
}

/** Keys an object schema accepts at `path` (empty when the path is not an object). */
export function keysAtPath(schema: z.ZodType, path: ReadonlyArray<string | number>): string[] {
  const at = schemaAtPath(schema, path);
  return at instanceof z.ZodObject ? Object.keys(at.shape as object) : [];
}

/** Every leaf path of an object schema (`motion.motion_score`, `camera.intent`, …), for hints. */
export function leafPaths(schema: z.ZodType, prefix = ''): string[] {
  const at = unwrapSchema(schema);
  if (!(at instanceof z.ZodObject)) return prefix ? [prefix] : [];
  return Object.entries(at.shape as Record<string, z.ZodType>).flatMap(([key, child]) =>
    leafPaths(child, prefix ? `${prefix}.${key}` : key),
  );
}

/** Splits a dotted path; numeric segments become indexes (`negative.constraints.0`). */
export function splitPath(path: string): Array<string | number> {
  return path.split('.').map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/** Joins a path the way errors print it: `identity.skeleton.template`, `values[2]`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out;
}
