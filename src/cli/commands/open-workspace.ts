/**
 * The workspace store as the read-side commands (runs, report, stats, review) open it: an existing
 * workspace only (a missing one is `store_not_found`, never silently created), closed when done.
 */
import { openWorkspaceStore } from '../../store/store.ts';
import type { CliContext } from '../context.ts';

/** Help text of every command's `--workspace <dir>` option. */
export const WORKSPACE_OPTION_HELP = 'workspace directory (default: $CLIPBENCH_HOME or ./.clipbench)';

export type WorkspaceStore = ReturnType<typeof openWorkspaceStore>;

/**
 * Runs `fn` on the existing workspace store (`--workspace`, else $CLIPBENCH_HOME, else ./.clipbench)
 * and closes it afterwards, whatever `fn` does. `fn` is synchronous: the store closes when it returns.
 */
export function withWorkspaceStore<T>(
  ctx: CliContext,
  workspace: string | undefined,
  fn: (store: WorkspaceStore) => T,
): T {
  const store = openWorkspaceStore({ cwd: ctx.cwd, env: ctx.env, workspace, create: false });
  try {
    return fn(store);
  } finally {
    store.close();
  }
}
