import type { DataSlice } from './data-slice';
import type { DocumentSlice } from './document-slice';
import type { UiSlice } from './ui-slice';

/** The whole studio store: document (with history), session ui, and data beside the document. */
export type StudioState = DocumentSlice & UiSlice & DataSlice;
