import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { thrownBy } from '../../test/helpers/thrown.ts';
import { openStore } from './store.ts';
import { StoreError } from './store-error.ts';
import { resolveWorkspace } from './workspace.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clipbench-store-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const catchError = (fn: () => unknown): StoreError => thrownBy(fn, StoreError);

describe('store errors', () => {
  it('reports a garbage file as store_corrupt with the path and a hint', () => {
    const path = join(tempDir(), 'clipbench.db');
    writeFileSync(path, 'this is not a database, just garbage '.repeat(200));
    const error = catchError(() => openStore({ path }));
    expect(error.code).toBe('store_corrupt');
    expect(error.file).toBe(path);
    expect(error.hint).toContain('.corrupt');
    expect(error.exitCode).toBe(3);
  });

  it('reports a database held by another writer as store_locked', () => {
    const path = join(tempDir(), 'clipbench.db');
    const store = openStore({ path, busyTimeoutMs: 50 });
    const other = new Database(path);
    other.exec('BEGIN EXCLUSIVE');
    try {
      const error = catchError(() => store.experiments.create({ name: 'x', provider: 'simulator' }));
      expect(error.code).toBe('store_locked');
      expect(error.file).toBe(path);
    } finally {
      other.exec('ROLLBACK');
      other.close();
      store.close();
    }
  });

  it('reports a full database as store_write_failed and keeps earlier rows', () => {
    const path = join(tempDir(), 'clipbench.db');
    const store = openStore({ path });
    const run = store.experiments.create({ name: 'kept', provider: 'simulator' });
    const pages = store.db.sql.pragma('page_count', { simple: true }) as number;
    // Cap the file at its current size: the next growing write hits SQLITE_FULL, like a full disk.
    store.db.sql.pragma(`max_page_count = ${pages}`);
    const error = catchError(() =>
      store.experiments.create({ name: 'big', provider: 'simulator', config: { blob: 'x'.repeat(200_000) } }),
    );
    expect(error.code).toBe('store_write_failed');
    expect(error.hint).toContain('full');
    expect(store.experiments.require(run.id).name).toBe('kept');
    store.close();
  });

  it('reports a write through a read-only connection as store_write_failed', () => {
    const path = join(tempDir(), 'clipbench.db');
    openStore({ path }).close();
    const readonly = openStore({ path, readonly: true });
    const error = catchError(() => readonly.experiments.create({ name: 'x', provider: 'simulator' }));
    expect(error.code).toBe('store_write_failed');
    readonly.close();
  });

  it('refuses a schema written by a newer clipbench (store_too_new)', () => {
    const path = join(tempDir(), 'clipbench.db');
    openStore({ path }).close();
    const raw = new Database(path);
    raw.prepare('INSERT INTO migrations (version, name, applied_at) VALUES (999, ?, ?)').run('future', 'now');
    raw.close();
    const error = catchError(() => openStore({ path }));
    expect(error.code).toBe('store_too_new');
    expect(error.message).toContain('999');
  });

  it('resolves the workspace from --workspace, CLIPBENCH_HOME, then the cwd', () => {
    expect(resolveWorkspace({ cwd: '/p' }).dbPath).toBe('/p/.clipbench/clipbench.db');
    expect(resolveWorkspace({ cwd: '/p', env: { CLIPBENCH_HOME: '/h' } }).mediaDir).toBe('/h/media');
    expect(resolveWorkspace({ cwd: '/p', env: { CLIPBENCH_HOME: '/h' }, workspace: 'w' }).root).toBe('/p/w');
  });

  it('persists across connections with WAL and foreign keys on', () => {
    const path = join(tempDir(), 'clipbench.db');
    const store = openStore({ path });
    expect(store.db.sql.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.sql.pragma('foreign_keys', { simple: true })).toBe(1);
    const run = store.experiments.create({ name: 'persist', provider: 'simulator' });
    store.close();
    const again = openStore({ path });
    expect(again.experiments.require(run.id).name).toBe('persist');
    again.close();
  });
});
