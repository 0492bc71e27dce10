import { ClipbenchError } from './clipbench-error.ts';

type InputErrorOptions = {
  code: string;
  message: string;
  hint?: string | undefined;
  field?: string | undefined;
  file?: string | undefined;
  cause?: unknown;
};

/** Bad input from the user: a file, a flag, a field. Exit code 2. */
export class InputError extends ClipbenchError {
  override readonly name = 'InputError';
  constructor(options: InputErrorOptions) {
    super({ ...options, kind: 'input' });
  }
}
