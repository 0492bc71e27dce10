import { ClipbenchError } from './clipbench-error.ts';

/** A feature that is visibly not built yet. Exit code 3. Never fake a result instead of throwing this. */
export class NotImplementedError extends ClipbenchError {
  override readonly name = 'NotImplementedError';
  constructor(feature: string, hint?: string) {
    super({
      code: 'not_implemented',
      kind: 'runtime',
      message: `${feature} is not implemented yet`,
      hint: hint ?? 'see the README for what works today',
    });
  }
}
