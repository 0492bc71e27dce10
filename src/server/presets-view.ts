/** Presets page data: the builtin + project catalog and the store's approvals; a broken project preset is shown, not thrown. */
import { ClipbenchError } from '../errors/clipbench-error.ts';
import { loadPresetCatalog } from '../presets/catalog.ts';
import type { Store } from '../store/store.ts';
import type { PresetsPageInput } from '../web/presets-page.ts';

export function loadPresetsView(cwd: string, store: Store | null): PresetsPageInput {
  const approvals = store === null ? [] : store.approvals.list();
  try {
    return { catalog: loadPresetCatalog({ cwd }).records, catalogError: null, approvals };
  } catch (error) {
    const message =
      error instanceof ClipbenchError
        ? `${error.file === undefined ? '' : `${error.file}: `}${error.message}`
        : String(error);
    return { catalog: [], catalogError: message, approvals };
  }
}
