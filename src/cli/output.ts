import { ClipbenchError } from '../errors/clipbench-error.ts';
import { redact } from '../errors/redact.ts';
import type { CliContext } from './context.ts';

/** Prints a value as pretty JSON on stdout (secrets redacted). */
export function printJson(ctx: CliContext, value: unknown): void {
  ctx.stdout(`${redact(JSON.stringify(value, null, 2), ctx.env)}\n`);
}

/** Prints human text on stdout (secrets redacted), adding a final newline. */
export function printLine(ctx: CliContext, text = ''): void {
  ctx.stdout(`${redact(text, ctx.env)}\n`);
}

/** Formats an error for a person: one message, the field/file, a hint; the stack only when verbose. */
export function formatError(error: unknown, verbose: boolean): string {
  if (error instanceof ClipbenchError) {
    const where = [error.file, error.field].filter(Boolean).join(': ');
    const lines = [`error [${error.code}]${where ? ` ${where}:` : ''} ${error.message}`];
    if (error.hint) lines.push(`  hint: ${error.hint}`);
    if (verbose && error.stack) lines.push(error.stack);
    if (verbose && error.cause instanceof Error)
      lines.push(`caused by: ${error.cause.stack ?? error.cause.message}`);
    return lines.join('\n');
  }
  const message = error instanceof Error ? error.message : String(error);
  const lines = [
    `error [internal] ${message}`,
    '  hint: this is a bug in clipbench; rerun with --verbose and report it',
  ];
  if (verbose && error instanceof Error && error.stack) lines.push(error.stack);
  return lines.join('\n');
}

/** JSON form of any error for `--json` output. */
export function errorJson(error: unknown): Record<string, unknown> {
  if (error instanceof ClipbenchError) return { error: error.toJSON() };
  return {
    error: {
      code: 'internal',
      kind: 'runtime',
      message: error instanceof Error ? error.message : String(error),
    },
  };
}
