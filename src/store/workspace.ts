/**
 * The workspace: one directory holding the run log database and the content-addressed media store.
 * Resolution order: explicit `--workspace <dir>` → `CLIPBENCH_HOME` → `<cwd>/.clipbench`.
 */
import { mkdirSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

export const WORKSPACE_DIR_NAME = '.clipbench';
export const DATABASE_FILE_NAME = 'clipbench.db';
export const MEDIA_DIR_NAME = 'media';

export type Workspace = {
  /** Absolute workspace directory. */
  root: string;
  /** Absolute path of the SQLite database file. */
  dbPath: string;
  /** Absolute directory of content-addressed media (clips, contact sheets, references). */
  mediaDir: string;
};

export type WorkspaceOptions = {
  cwd: string;
  env?: NodeJS.ProcessEnv | undefined;
  /** Explicit `--workspace <dir>`; relative paths resolve against `cwd`. */
  workspace?: string | undefined;
};

/** Resolves the workspace paths without touching the file system. */
export function resolveWorkspace(options: WorkspaceOptions): Workspace {
  const fromEnv = options.env?.['CLIPBENCH_HOME'];
  const chosen =
    options.workspace !== undefined && options.workspace !== ''
      ? options.workspace
      : fromEnv !== undefined && fromEnv !== ''
        ? fromEnv
        : join(options.cwd, WORKSPACE_DIR_NAME);
  const root = isAbsolute(chosen) ? chosen : resolve(options.cwd, chosen);
  return { root, dbPath: join(root, DATABASE_FILE_NAME), mediaDir: join(root, MEDIA_DIR_NAME) };
}

/** Creates the workspace and media directories when missing; returns the workspace. */
export function ensureWorkspace(workspace: Workspace): Workspace {
  mkdirSync(workspace.mediaDir, { recursive: true });
  return workspace;
}
