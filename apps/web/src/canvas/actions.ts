/**
 * Canvas actions as data (one record per action, excalidraw-style): what it does, which keys
 * trigger it, and how the help dialog names it. Whether it enters undo is decided by the store:
 * only the document changes they make are recorded.
 */
import type { NodeKind } from '@backflow/engine';
import type { StudioStore } from '../store/create-store';
import { addNode, createNode, freshId, moveNodes, removeElements, takenIds } from '../store/doc-ops';
import { pasteFragment, selectionFragment } from './clipboard';
import { freeSpot } from './free-spot';

/** What actions can reach: the store and the canvas viewport. */
export interface ActionContext {
  store: StudioStore;
  /** Centre of the visible canvas in flow coordinates (where new nodes go). */
  viewCenter(): { x: number; y: number };
  fitView(): void;
}

export interface CanvasAction {
  id: string;
  label: string;
  /** Keys as the help dialog shows them. */
  keys: string;
  keyTest(e: KeyboardEvent): boolean;
  perform(ctx: ActionContext): void | Promise<void>;
}

const mod = (e: KeyboardEvent) => e.ctrlKey || e.metaKey;
const plain = (e: KeyboardEvent) => !e.ctrlKey && !e.metaKey && !e.altKey;

/** Adds a node of `kind` at the free spot nearest `at` (never on top of another) and selects it. */
export function addNodeAt(store: StudioStore, kind: NodeKind, at: { x: number; y: number }): string {
  const { doc, measured } = store.getState();
  const id = freshId(kind, takenIds(doc));
  const spot = freeSpot(doc, measured, { x: at.x - 120, y: at.y - 40 });
  const pos = { x: Math.round(spot.x), y: Math.round(spot.y) };
  store.getState().changeDoc((d) => addNode(d, createNode(kind, id, pos)));
  store.getState().setSelection([id], []);
  return id;
}

/** Deletes the selected nodes and edges as one step. */
export function deleteSelection(store: StudioStore): void {
  const { selectedNodeIds, selectedEdgeIds } = store.getState();
  if (selectedNodeIds.length === 0 && selectedEdgeIds.length === 0) return;
  store.getState().changeDoc((d) => removeElements(d, selectedNodeIds, selectedEdgeIds));
  store.getState().setSelection([], []);
}

/** Duplicates the selected nodes (and the edges between them) next to the originals. */
export function duplicateSelection(store: StudioStore): void {
  const { doc, selectedNodeIds } = store.getState();
  const fragment = selectionFragment(doc, new Set(selectedNodeIds));
  if (!fragment) return;
  const pasted = pasteFragment(doc, fragment, { x: 40, y: 40 });
  store.getState().changeDoc(() => pasted.doc);
  store.getState().setSelection(pasted.nodeIds, []);
}

/** Runs ELK and moves every node as one undoable step. */
export async function autoLayout(ctx: ActionContext): Promise<void> {
  const { layoutPositions } = await import('./auto-layout');
  const { doc, measured } = ctx.store.getState();
  const positions = await layoutPositions(doc, measured);
  ctx.store.getState().changeDoc((d) => moveNodes(d, positions));
  requestAnimationFrame(() => ctx.fitView());
}

/** Every keyboard action of the canvas, in the order the help dialog lists them. */
export const CANVAS_ACTIONS: CanvasAction[] = [
  {
    id: 'undo',
    label: 'Undo',
    keys: 'Ctrl/⌘ Z',
    keyTest: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 'z',
    perform: ({ store }) => store.getState().undo(),
  },
  {
    id: 'redo',
    label: 'Redo',
    keys: 'Ctrl/⌘ Shift Z · Ctrl Y',
    keyTest: (e) => mod(e) && ((e.shiftKey && e.key.toLowerCase() === 'z') || e.key.toLowerCase() === 'y'),
    perform: ({ store }) => store.getState().redo(),
  },
  {
    id: 'delete',
    label: 'Delete selection',
    keys: 'Delete · Backspace',
    keyTest: (e) => plain(e) && (e.key === 'Delete' || e.key === 'Backspace'),
    perform: ({ store }) => deleteSelection(store),
  },
  {
    id: 'duplicate',
    label: 'Duplicate selection',
    keys: 'Ctrl/⌘ D',
    keyTest: (e) => mod(e) && e.key.toLowerCase() === 'd',
    perform: ({ store }) => duplicateSelection(store),
  },
  {
    id: 'select-all',
    label: 'Select all nodes',
    keys: 'Ctrl/⌘ A',
    keyTest: (e) => mod(e) && e.key.toLowerCase() === 'a',
    perform: ({ store }) =>
      store.getState().setSelection(
        store.getState().doc.nodes.map((n) => n.id),
        [],
      ),
  },
  {
    id: 'layout',
    label: 'Auto-layout (left to right)',
    keys: 'Shift L',
    keyTest: (e) => plain(e) && e.shiftKey && e.key.toLowerCase() === 'l',
    perform: autoLayout,
  },
  {
    id: 'fit',
    label: 'Fit view',
    keys: 'Shift 1',
    keyTest: (e) => plain(e) && e.shiftKey && (e.key === '!' || e.code === 'Digit1'),
    perform: (ctx) => ctx.fitView(),
  },
  {
    id: 'snap',
    label: 'Toggle snap to grid',
    keys: 'G',
    keyTest: (e) => plain(e) && !e.shiftKey && e.key.toLowerCase() === 'g',
    perform: ({ store }) => store.getState().setSnapToGrid(!store.getState().snapToGrid),
  },
  {
    id: 'add-llm',
    label: 'Add an LLM node',
    keys: 'N',
    keyTest: (e) => plain(e) && !e.shiftKey && e.key.toLowerCase() === 'n',
    perform: (ctx) => void addNodeAt(ctx.store, 'llm', ctx.viewCenter()),
  },
  {
    id: 'palette',
    label: 'Command palette: add a node (searchable library), connect the selected node, canvas commands',
    keys: 'Ctrl/⌘ K',
    keyTest: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 'k',
    perform: ({ store }) => store.getState().setDialog('commands'),
  },
  {
    id: 'open',
    label: 'Select the focused node and open it in the Inspector',
    keys: 'Enter',
    keyTest: (e) => plain(e) && e.key === 'Enter' && focusedNodeId(e.target) !== null,
    perform: ({ store }) => {
      const id = focusedNodeId(document.activeElement);
      if (!id) return;
      store.getState().setSelection([id], []);
      store.getState().setPanel('inspector');
    },
  },
  {
    id: 'help',
    label: 'Show keyboard shortcuts',
    keys: '?',
    keyTest: (e) => e.key === '?',
    perform: ({ store }) => store.getState().setDialog('shortcuts'),
  },
  {
    id: 'escape',
    label: 'Clear selection / close dialog',
    keys: 'Esc',
    keyTest: (e) => e.key === 'Escape',
    perform: ({ store }) => {
      store.getState().setDialog(null);
      store.getState().setSelection([], []);
    },
  },
];

/** The id of the canvas node `target` is (React Flow's focusable node wrapper), or null. */
export function focusedNodeId(target: EventTarget | null): string | null {
  const el = target as HTMLElement | null;
  if (!el || typeof el.closest !== 'function') return null;
  return el.closest<HTMLElement>('.react-flow__node')?.dataset.id ?? null;
}

/** Shortcuts stay out of the way while the person types in a field or an editor. */
export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.closest !== 'function') return false;
  return !!el.closest('input, textarea, select, [contenteditable="true"], .cm-editor');
}
