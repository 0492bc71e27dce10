/**
 * @module errors — the one error root. Every failure a user can see is a `ClipbenchError` with a
 * stable `code`, the field or file at fault, and a hint; the CLI maps `kind` to its exit code.
 */

/** What went wrong, from the user's side: decides the CLI exit code. */
export type ErrorKind = 'input' | 'check' | 'provider' | 'runtime';

/** CLI exit codes: 0 ok · 1 check/verdict failed · 2 usage or input error · 3 provider/runtime error. */
export const EXIT_CODES = { ok: 0, check: 1, input: 2, provider: 3, runtime: 3 } as const;

export type ClipbenchErrorOptions = {
  code: string;
  message: string;
  kind: ErrorKind;
  hint?: string | undefined;
  /** Dotted path inside a document, e.g. `camera.intent`. */
  field?: string | undefined;
  /** File the error is about. */
  file?: string | undefined;
  cause?: unknown;
};

export class ClipbenchError extends Error {
  override readonly name: string = 'ClipbenchError';
  readonly code: string;
  readonly kind: ErrorKind;
  readonly hint: string | undefined;
  readonly field: string | undefined;
  readonly file: string | undefined;

  constructor(options: ClipbenchErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.kind = options.kind;
    this.hint = options.hint;
    this.field = options.field;
    this.file = options.file;
  }

  get exitCode(): number {
    return EXIT_CODES[this.kind];
  }

  /** Plain-data form for `--json` output and the run log (never includes the stack). */
  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      kind: this.kind,
      ...(this.field === undefined ? {} : { field: this.field }),
      ...(this.file === undefined ? {} : { file: this.file }),
      ...(this.hint === undefined ? {} : { hint: this.hint }),
    };
  }
}
