/**
 * The workflow document and its undo history. Only document changes are recorded (never the
 * selection, panels or run output). A gesture (a drag) is squashed into one step: its first
 * frame marks where it started, intermediate frames replace the document without recording, and
 * its end records the mark once (tldraw's marks, excalidraw's "capture eventually").
 */
import type { Workflow } from '@backflow/engine';
import type { StateCreator } from 'zustand';
import { emptyWorkflow } from './doc-ops';
import { switchRuns } from './run-state';
import type { StudioState } from './studio-state';

/** Oldest steps fall off beyond this many. */
export const HISTORY_LIMIT = 200;

export interface DocumentSlice {
  doc: Workflow;
  past: Workflow[];
  future: Workflow[];
  /** The document as it was when the current gesture began, or null outside a gesture. */
  gestureStart: Workflow | null;
  /** Applies `recipe`; one undo step unless a gesture is open or `transient` is set. */
  changeDoc(recipe: (doc: Workflow) => Workflow, options?: { transient?: boolean }): void;
  /** Opens a gesture: changes until {@link DocumentSlice.endGesture} become one undo step. */
  beginGesture(): void;
  /** Closes the gesture and records it if it changed anything. */
  endGesture(): void;
  undo(): void;
  redo(): void;
  /**
   * Replaces the document (open a project, import): history starts over. Opening another workflow
   * (another id) also parks this one's forward runs and brings back its own, clears the selection,
   * and stops a forward run in flight.
   */
  loadDoc(doc: Workflow): void;
}

function record(past: Workflow[], doc: Workflow): Workflow[] {
  const next = [...past, doc];
  return next.length > HISTORY_LIMIT ? next.slice(next.length - HISTORY_LIMIT) : next;
}

/**
 * The selection kept to what exists in `doc`: undo of a paste (or redo of a delete) removes nodes
 * that were selected, and a count of selected nodes that are gone is a lie ("3 nodes selected" on
 * an empty canvas). Unchanged arrays are returned as they are (no re-render).
 */
function selectionIn(
  s: StudioState,
  doc: Workflow,
): Pick<StudioState, 'selectedNodeIds' | 'selectedEdgeIds'> {
  const nodes = new Set(doc.nodes.map((n) => n.id));
  const edges = new Set(doc.edges.map((e) => e.id));
  const keptNodes = s.selectedNodeIds.filter((id) => nodes.has(id));
  const keptEdges = s.selectedEdgeIds.filter((id) => edges.has(id));
  return {
    selectedNodeIds: keptNodes.length === s.selectedNodeIds.length ? s.selectedNodeIds : keptNodes,
    selectedEdgeIds: keptEdges.length === s.selectedEdgeIds.length ? s.selectedEdgeIds : keptEdges,
  };
}

/** The document slice of the studio store. */
export const createDocumentSlice: StateCreator<StudioState, [], [], DocumentSlice> = (set, get) => ({
  doc: emptyWorkflow('untitled', 'Untitled workflow'),
  past: [],
  future: [],
  gestureStart: null,
  changeDoc(recipe, options) {
    const { doc, past, gestureStart } = get();
    const next = recipe(doc);
    if (next === doc) return;
    if (gestureStart || options?.transient) set({ doc: next, ...selectionIn(get(), next) });
    else set({ doc: next, past: record(past, doc), future: [], ...selectionIn(get(), next) });
  },
  beginGesture() {
    if (!get().gestureStart) set({ gestureStart: get().doc });
  },
  endGesture() {
    const { gestureStart, doc, past } = get();
    if (!gestureStart) return;
    if (gestureStart === doc) set({ gestureStart: null });
    else set({ gestureStart: null, past: record(past, gestureStart), future: [] });
  },
  undo() {
    const { past, future, doc } = get();
    const prev = past.at(-1);
    if (!prev) return;
    set({
      doc: prev,
      past: past.slice(0, -1),
      future: [doc, ...future],
      gestureStart: null,
      ...selectionIn(get(), prev),
    });
  },
  redo() {
    const { past, future, doc } = get();
    const next = future[0];
    if (!next) return;
    set({
      doc: next,
      past: record(past, doc),
      future: future.slice(1),
      gestureStart: null,
      ...selectionIn(get(), next),
    });
  },
  loadDoc(doc) {
    const s = get();
    if (s.doc.id === doc.id) {
      set({ doc, past: [], future: [], gestureStart: null });
      return;
    }
    s.forwardAbort?.abort();
    const run =
      s.run.status === 'running'
        ? { ...s.run, status: 'aborted' as const, message: 'Stopped: another workflow was opened.' }
        : s.run;
    set({
      doc,
      past: [],
      future: [],
      gestureStart: null,
      selectedNodeIds: [],
      selectedEdgeIds: [],
      forwardAbort: null,
      ...switchRuns(s.parkedRuns, { workflowId: s.doc.id, run, previousRun: s.previousRun }, doc.id),
    });
  },
});
