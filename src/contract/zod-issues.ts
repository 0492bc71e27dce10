/**
 * zod issues → one InputError naming every problem by path (`camera.intent: expected string`), with
 * "did you mean" hints for unknown keys computed from the schema itself.
 */
import type { z } from 'zod';
import { InputError } from '../errors/input-error.ts';
import { formatPath, keysAtPath } from './schema-walk.ts';
import { didYouMean } from './suggest.ts';

/** One problem in a document, ready to print. */
export type FieldProblem = { path: string; message: string; hint?: string | undefined };

function describeIssue(issue: z.core.$ZodIssue, schema: z.ZodType, prefix: string): FieldProblem[] {
  const base = [...(prefix ? [prefix] : []), ...issue.path];
  if (issue.code === 'unrecognized_keys') {
    const known = keysAtPath(schema, issue.path as Array<string | number>);
    return issue.keys.map((key) => ({
      path: formatPath([...base, key]),
      message: 'unknown key',
      hint: didYouMean(key, known) ?? (known.length ? `allowed keys: ${known.join(', ')}` : undefined),
    }));
  }
  if (issue.code === 'invalid_value' && 'values' in issue) {
    const shown = issue.values.map((v) => JSON.stringify(v)).join(', ');
    return [{ path: formatPath(base), message: `must be one of ${shown}` }];
  }
  if (issue.code === 'too_big' || issue.code === 'too_small') {
    const bound = issue.code === 'too_big' ? issue.maximum : issue.minimum;
    const inclusive = issue.inclusive !== false;
    const op = issue.code === 'too_big' ? (inclusive ? '≤' : '<') : inclusive ? '≥' : '>';
    const what =
      issue.origin === 'array' || issue.origin === 'string'
        ? ` ${issue.origin === 'array' ? 'items' : 'characters'}`
        : '';
    const path = formatPath(base);
    const hint = path.endsWith('motion_score')
      ? "motion_score is on the brief's 0–10 scale; fractions are allowed"
      : undefined;
    return [{ path, message: `must be ${op} ${String(bound)}${what}`, hint }];
  }
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    // Report the branch that got furthest (fewest issues) instead of "invalid input".
    const best = [...issue.errors].sort((a, b) => a.length - b.length)[0] ?? [];
    const nested = best.flatMap((inner) =>
      describeIssue({ ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue, schema, prefix),
    );
    if (nested.length > 0) return nested;
  }
  return [{ path: formatPath(base) || '(root)', message: issue.message.replace(/^Invalid input: /, '') }];
}

/** Flattens a zod error into printable problems (path + message + optional hint). */
export function fieldProblems(error: z.ZodError, schema: z.ZodType, prefix = ''): FieldProblem[] {
  return error.issues.flatMap((issue) => describeIssue(issue, schema, prefix));
}

/** Formats problems one per line: `camera.intent: expected string (hint: …)`. */
export function formatProblems(problems: readonly FieldProblem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`).join('\n  ');
}

/** An input document that failed its schema: carries every problem for `--json` output. */
export class InvalidDocumentError extends InputError {
  readonly problems: readonly FieldProblem[];
  constructor(options: ConstructorParameters<typeof InputError>[0] & { problems: readonly FieldProblem[] }) {
    const { problems, ...rest } = options;
    super(rest);
    this.problems = problems;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), problems: this.problems };
  }
}

/** Builds the error for a failed parse of `file` against `schema`, naming every problem by path. */
export function invalidDocumentError(
  error: z.ZodError,
  schema: z.ZodType,
  options: { file?: string | undefined; what: string; prefix?: string },
): InvalidDocumentError {
  const problems = fieldProblems(error, schema, options.prefix ?? '');
  return problemsError(problems, { ...options, cause: error });
}

/** Builds the error for a list of problems found by hand (cross-field rules, media checks). */
export function problemsError(
  problems: readonly FieldProblem[],
  options: { file?: string | undefined; what: string; code?: string; cause?: unknown },
): InvalidDocumentError {
  const first = problems[0];
  const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
  return new InvalidDocumentError({
    problems,
    code: options.code ?? 'invalid_document',
    message: `${options.what} has ${count}:\n  ${formatProblems(problems)}`,
    // One problem names its field; several are listed in the message and in `problems`.
    field: problems.length === 1 ? first?.path : undefined,
    file: options.file,
    hint:
      first?.hint ??
      'fix the fields named above; `clipbench schema` writes JSON Schema files your editor can check against',
    cause: options.cause,
  });
}
