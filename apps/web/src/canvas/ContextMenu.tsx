import { NODE_KINDS, nodeKind } from '@backflow/engine';
import { useEffect } from 'react';
import { type ActionContext, addNodeAt, autoLayout, deleteSelection, duplicateSelection } from './actions';

/** Where the menu opened and on what (a node id, or the empty canvas). */
export interface MenuState {
  x: number;
  y: number;
  flow: { x: number; y: number };
  nodeId: string | null;
}

/** "Add …" entries: every node kind, named as the engine names it ("LLM node"). */
const KINDS = NODE_KINDS.map((kind) => ({ kind, label: nodeKind(kind).label }));

/** Right-click menu: add nodes on the canvas; duplicate/delete on a node. */
export function ContextMenu({
  menu,
  ctx,
  onClose,
}: {
  menu: MenuState;
  ctx: ActionContext;
  onClose: () => void;
}) {
  useEffect(() => {
    const close = () => onClose();
    window.addEventListener('pointerdown', close);
    return () => window.removeEventListener('pointerdown', close);
  }, [onClose]);
  const item = (label: string, run: () => void) => (
    <button
      key={label}
      type="button"
      role="menuitem"
      className="block w-full px-3 py-1.5 text-left hover:bg-slate-100 dark:hover:bg-slate-800"
      onPointerDown={(e) => e.stopPropagation()}
      onClick={() => {
        run();
        onClose();
      }}
    >
      {label}
    </button>
  );
  return (
    <div
      role="menu"
      aria-label="Canvas menu"
      className="fixed z-50 min-w-44 rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
      style={{ left: menu.x, top: menu.y }}
    >
      {menu.nodeId
        ? [
            item('Duplicate', () => duplicateSelection(ctx.store)),
            item('Delete', () => deleteSelection(ctx.store)),
          ]
        : [
            ...KINDS.map(({ kind, label }) =>
              item(`Add ${label}`, () => addNodeAt(ctx.store, kind, menu.flow)),
            ),
            item('Auto-layout', () => void autoLayout(ctx)),
            item('Fit view', () => ctx.fitView()),
          ]}
    </div>
  );
}
