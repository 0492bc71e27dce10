/**
 * Opens the SQLite run log: WAL journal, busy timeout, foreign keys, ordered migrations. The only
 * file (with the repositories beside it) that talks to better-sqlite3.
 *
 * Transactions are synchronous by construction: `tx(fn)` refuses a function that returns a promise,
 * so no transaction can span an `await` — and therefore never a provider call (ARCHITECTURE.md,
 * "never pay twice"). Write the journal row, commit, then call the provider.
 */
import Database from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations.ts';
import { mapSqliteError, StoreError } from './store-error.ts';

export type StoreDb = {
  readonly sql: Database.Database;
  /** Database file path, or `:memory:`. */
  readonly path: string;
  /** Runs `fn` in one immediate (write-locking) transaction. `fn` must be synchronous. */
  tx<T>(fn: () => T): T;
  /** The clock, injected so tests control timestamps and ISO weeks. */
  now(): Date;
};

export type OpenDatabaseOptions = {
  /** How long a write waits for another writer before `store_locked`. @default 5000 */
  busyTimeoutMs?: number | undefined;
  readonly?: boolean | undefined;
  now?: (() => Date) | undefined;
};

export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/** Runs `fn`, mapping driver errors to typed `StoreError`s for `path`. */
export function guard<T>(path: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw mapSqliteError(error, path);
  }
}

/** Wraps every method of a repository object with `guard`, so callers only ever see typed errors. */
export function guarded<T extends object>(path: string, repo: T): T {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(repo)) {
    out[name] =
      typeof value === 'function'
        ? (...args: unknown[]) => guard(path, () => (value as (...a: unknown[]) => unknown)(...args))
        : value;
  }
  return out as T;
}

function isThenable(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
  );
}

/** Opens (creating when missing) and migrates the database at `path` (`:memory:` for tests). */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): StoreDb {
  return guard(path, () => {
    const sql = new Database(path, options.readonly === true ? { readonly: true, fileMustExist: true } : {});
    try {
      sql.pragma(
        `busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS))}`,
      );
      // Reading the schema first surfaces a garbage file as SQLITE_NOTADB before we try to change it.
      sql.prepare('SELECT count(*) FROM sqlite_master').get();
      if (path !== ':memory:' && options.readonly !== true) sql.pragma('journal_mode = WAL');
      sql.pragma('foreign_keys = ON');
      // WAL + NORMAL is durable across process crashes (kill -9); only an OS crash can lose the last commit.
      sql.pragma('synchronous = NORMAL');
      const db = makeDb(sql, path, options.now ?? (() => new Date()));
      if (options.readonly !== true) migrate(db);
      else assertNotTooNew(db);
      return db;
    } catch (error) {
      sql.close();
      throw error;
    }
  });
}

function makeDb(sql: Database.Database, path: string, now: () => Date): StoreDb {
  return {
    sql,
    path,
    now,
    tx<T>(fn: () => T): T {
      return guard(path, () =>
        sql
          .transaction(() => {
            const result = fn();
            if (isThenable(result)) {
              throw new StoreError({
                code: 'store_transaction_async',
                message: 'a store transaction returned a promise; transactions must not span an await',
                hint: 'commit the journal row first, then call the provider outside the transaction',
              });
            }
            return result;
          })
          .immediate(),
      );
    },
  };
}

function appliedVersion(db: StoreDb): number {
  const table = db.sql
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'migrations'")
    .get();
  if (table === undefined) return 0;
  const row = db.sql.prepare('SELECT max(version) AS v FROM migrations').get() as { v: number | null };
  return row.v ?? 0;
}

function assertNotTooNew(db: StoreDb): void {
  const version = appliedVersion(db);
  if (version > LATEST_SCHEMA_VERSION) {
    throw new StoreError({
      code: 'store_too_new',
      message: `the database schema is version ${version}, but this clipbench understands up to ${LATEST_SCHEMA_VERSION}`,
      file: db.path,
      hint: 'it was written by a newer clipbench: upgrade clipbench, or point --workspace at another directory',
    });
  }
}

/** Applies pending migrations in order, each in its own immediate transaction. */
export function migrate(db: StoreDb): number {
  db.tx(() => {
    db.sql.exec(
      'CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
  });
  assertNotTooNew(db);
  for (const migration of [...MIGRATIONS].sort((a, b) => a.version - b.version)) {
    db.tx(() => {
      // Re-check inside the lock: another process may have applied it meanwhile.
      if (appliedVersion(db) >= migration.version) return;
      db.sql.exec(migration.sql);
      db.sql
        .prepare('INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)')
        .run(migration.version, migration.name, db.now().toISOString());
    });
  }
  return appliedVersion(db);
}

/** The schema version recorded in the database. */
export function schemaVersion(db: StoreDb): number {
  return guard(db.path, () => appliedVersion(db));
}
