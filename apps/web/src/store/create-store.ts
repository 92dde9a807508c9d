import { createStore, type StoreApi } from 'zustand/vanilla';
import { createDataSlice } from './data-slice';
import { createDocumentSlice } from './document-slice';
import type { StudioState } from './studio-state';
import { createUiSlice } from './ui-slice';

/** The studio's store type: pass it around (React context, window test API), never import a global. */
export type StudioStore = StoreApi<StudioState>;

/** Creates one bound studio store from its slices. Tests create a fresh one each. */
export function createStudioStore(): StudioStore {
  return createStore<StudioState>()((...a) => ({
    ...createDocumentSlice(...a),
    ...createUiSlice(...a),
    ...createDataSlice(...a),
  }));
}
