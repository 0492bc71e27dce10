/**
 * @module store — the run log. `openStore` returns one object holding every repository; each
 * repository method is synchronous, runs in at most one short transaction, and surfaces driver
 * failures as typed `StoreError`s (store_corrupt, store_locked, store_write_failed, store_too_new).
 * Never hold a store transaction across an await or a provider call: journal first, then call.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createAnalysesRepo } from './analyses.ts';
import { createAssetsRepo } from './assets.ts';
import { createAttemptsRepo } from './attempts.ts';
import { guard, guarded, type OpenDatabaseOptions, openDatabase, type StoreDb } from './db.ts';
import { createExperimentsRepo } from './experiments.ts';
import { createJobsRepo } from './jobs.ts';
import { createPresetApprovalsRepo } from './preset-approvals.ts';
import { createRunViews } from './run-views.ts';
import { StoreError } from './store-error.ts';
import { createVerdictsRepo } from './verdicts.ts';
import { ensureWorkspace, resolveWorkspace, type Workspace, type WorkspaceOptions } from './workspace.ts';

export type Store = {
  readonly path: string;
  readonly db: StoreDb;
  readonly experiments: ReturnType<typeof createExperimentsRepo>;
  readonly jobs: ReturnType<typeof createJobsRepo>;
  readonly attempts: ReturnType<typeof createAttemptsRepo>;
  readonly assets: ReturnType<typeof createAssetsRepo>;
  readonly analyses: ReturnType<typeof createAnalysesRepo>;
  readonly verdicts: ReturnType<typeof createVerdictsRepo>;
  readonly approvals: ReturnType<typeof createPresetApprovalsRepo>;
  readonly views: ReturnType<typeof createRunViews>;
  close(): void;
};

export type OpenStoreOptions = OpenDatabaseOptions & {
  /** Database file, or `:memory:` for unit tests. */
  path: string;
};

/** Opens (creating and migrating) the store at `options.path`. */
export function openStore(options: OpenStoreOptions): Store {
  const { path } = options;
  if (path !== ':memory:' && options.readonly !== true) {
    guard(path, () => {
      try {
        mkdirSync(dirname(path), { recursive: true });
      } catch (error) {
        throw new StoreError({
          code: 'store_write_failed',
          message: `cannot create the workspace directory ${dirname(path)}`,
          file: path,
          hint: 'check the --workspace / CLIPBENCH_HOME path and its permissions',
          cause: error,
        });
      }
    });
  }
  const db = openDatabase(path, options);
  return {
    path,
    db,
    experiments: guarded(path, createExperimentsRepo(db)),
    jobs: guarded(path, createJobsRepo(db)),
    attempts: guarded(path, createAttemptsRepo(db)),
    assets: guarded(path, createAssetsRepo(db)),
    analyses: guarded(path, createAnalysesRepo(db)),
    verdicts: guarded(path, createVerdictsRepo(db)),
    approvals: guarded(path, createPresetApprovalsRepo(db)),
    views: guarded(path, createRunViews(db)),
    close: () => {
      if (db.sql.open) db.sql.close();
    },
  };
}

/**
 * Opens the store of a workspace (`--workspace`, `CLIPBENCH_HOME`, or `<cwd>/.clipbench`). Creates it
 * unless `create: false`, in which case a missing database is `store_not_found` (read-only commands
 * should not leave an empty workspace behind).
 */
export function openWorkspaceStore(
  options: WorkspaceOptions & Omit<OpenDatabaseOptions, 'readonly'> & { create?: boolean | undefined },
): Store & { workspace: Workspace } {
  const resolved = resolveWorkspace(options);
  if (options.create === false && !existsSync(resolved.dbPath)) {
    throw new StoreError({
      code: 'store_not_found',
      message: `no clipbench workspace at ${resolved.root}`,
      file: resolved.dbPath,
      hint: 'run an experiment first (`clipbench demo` or `clipbench run`), or pass --workspace <dir> / set CLIPBENCH_HOME',
    });
  }
  const workspace =
    options.create === false ? resolved : guard(resolved.dbPath, () => ensureWorkspaceDir(resolved));
  return { ...openStore({ ...options, path: workspace.dbPath }), workspace };
}

function ensureWorkspaceDir(workspace: Workspace): Workspace {
  try {
    return ensureWorkspace(workspace);
  } catch (error) {
    throw new StoreError({
      code: 'store_write_failed',
      message: `cannot create the workspace at ${workspace.root}`,
      file: workspace.root,
      hint: 'check the --workspace / CLIPBENCH_HOME path and its permissions',
      cause: error,
    });
  }
}
