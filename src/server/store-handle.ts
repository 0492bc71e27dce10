/**
 * The dashboard's hold on the workspace store. A workspace without a database is not an error: the
 * pages show the empty state, and the store is opened on the first request after a run creates it
 * (the dashboard itself never creates an empty workspace). A corrupt database fails at start-up with
 * the store's own `store_corrupt` error.
 */
import { existsSync } from 'node:fs';
import { openWorkspaceStore, type Store } from '../store/store.ts';
import { resolveWorkspace, type Workspace, type WorkspaceOptions } from '../store/workspace.ts';

export type StoreHandle = {
  readonly workspace: Workspace;
  /** The open store, or null while the workspace has no database yet. */
  current(): Store | null;
  close(): void;
};

/** Opens the workspace's store if it exists (throwing the store's typed errors), else waits for it. */
export function openStoreHandle(options: WorkspaceOptions): StoreHandle {
  const workspace = resolveWorkspace(options);
  let store: Store | null = null;
  const tryOpen = (): Store | null => {
    if (store === null && existsSync(workspace.dbPath))
      store = openWorkspaceStore({ ...options, create: false });
    return store;
  };
  tryOpen();
  return {
    workspace,
    current: tryOpen,
    close: () => {
      store?.close();
      store = null;
    },
  };
}
