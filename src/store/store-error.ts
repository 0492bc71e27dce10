/**
 * Typed store failures. SQLite reports problems as `SqliteError` with a string `code`; we map the
 * few a user can act on to stable clipbench codes with the database path and a hint, and leave
 * anything else (a bug in our SQL) to surface as itself.
 */
import { ClipbenchError } from '../errors/clipbench-error.ts';

export type StoreErrorCode =
  | 'store_corrupt'
  | 'store_locked'
  | 'store_write_failed'
  | 'store_too_new'
  | 'store_not_found'
  | 'store_conflict'
  | 'store_transaction_async';

/** A store failure with the database path in `file`. Exit code 3 (runtime), except `store_not_found` (2). */
export class StoreError extends ClipbenchError {
  override readonly name = 'StoreError';
  override readonly code: StoreErrorCode;
  constructor(options: {
    code: StoreErrorCode;
    message: string;
    file?: string | undefined;
    hint?: string | undefined;
    field?: string | undefined;
    cause?: unknown;
  }) {
    super({ ...options, kind: options.code === 'store_not_found' ? 'input' : 'runtime' });
    this.code = options.code;
  }
}

function sqliteCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

/**
 * Maps a driver error to a `StoreError` when it is one a user can act on; returns the error unchanged
 * otherwise. `path` is the database file (`:memory:` for tests).
 */
export function mapSqliteError(error: unknown, path: string): unknown {
  if (error instanceof StoreError) return error;
  const code = sqliteCode(error);
  if (code === undefined) return error;
  const detail = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new StoreError({
      code: 'store_corrupt',
      message: `the clipbench database is corrupt or not a SQLite file (${detail})`,
      file: path,
      hint: `move it aside (mv "${path}" "${path}.corrupt") and rerun; stored clips under media/ are kept and re-used by content hash`,
      cause: error,
    });
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StoreError({
      code: 'store_locked',
      message: `the clipbench database is locked by another process (${detail})`,
      file: path,
      hint: 'another clipbench command is writing to this workspace; wait for it to finish or stop it, then retry',
      cause: error,
    });
  }
  if (
    code === 'SQLITE_FULL' ||
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_IOERR') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    code === 'SQLITE_PERM'
  ) {
    return new StoreError({
      code: 'store_write_failed',
      message: `could not write the clipbench database (${code}: ${detail})`,
      file: path,
      hint:
        code === 'SQLITE_FULL'
          ? 'the disk (or the database size limit) is full: free space and rerun; finished jobs are kept'
          : 'check that the workspace directory exists, is writable and is on a healthy disk',
      cause: error,
    });
  }
  return error;
}
