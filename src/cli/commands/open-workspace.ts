/**
 * The workspace store as commands that read or annotate runs (runs, report, stats, review, presets
 * lifecycle) open it: an existing workspace unless asked to create one (a missing one is
 * `store_not_found`, never silently created), always closed when the command's work is done.
 */
import { openWorkspaceStore } from '../../store/store.ts';
import type { CliContext } from '../context.ts';

/** Help text of every command's `--workspace <dir>` option. */
export const WORKSPACE_OPTION_HELP = 'workspace directory (default: $CLIPBENCH_HOME or ./.clipbench)';

export type WorkspaceStore = ReturnType<typeof openWorkspaceStore>;

/**
 * Runs `fn` on the workspace store (`--workspace`, else $CLIPBENCH_HOME, else ./.clipbench) and closes
 * it once `fn` is done — when it returns, throws, or (for an async `fn`) when its promise settles.
 * Only an existing workspace is opened unless `create` is set.
 */
export function withWorkspaceStore<T>(
  ctx: CliContext,
  options: { workspace?: string | undefined; create?: boolean | undefined },
  fn: (store: WorkspaceStore) => T,
): T {
  const store = openWorkspaceStore({
    cwd: ctx.cwd,
    env: ctx.env,
    workspace: options.workspace,
    create: options.create === true,
  });
  let result: T;
  try {
    result = fn(store);
  } catch (error) {
    store.close();
    throw error;
  }
  if (result instanceof Promise) return result.finally(() => store.close()) as T;
  store.close();
  return result;
}
