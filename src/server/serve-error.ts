/** Typed start-up failures of `clipbench serve`. */
import { ClipbenchError } from '../errors/clipbench-error.ts';

/**
 * The port asked for is taken (EADDRINUSE) or cannot be bound (EACCES). Kind `input` → exit 2:
 * the fix is the user's choice of `--port`/`--host`, nothing failed at run time.
 */
export class ServeError extends ClipbenchError {
  override readonly name = 'ServeError';
  constructor(options: {
    code: 'port_in_use' | 'port_not_permitted' | 'host_unavailable';
    message: string;
    hint: string;
    field: string;
    cause?: unknown;
  }) {
    super({ ...options, kind: 'input' });
  }
}
