import { NODE_KINDS, type NodeKind } from '@backflow/engine';
import { Panel, useReactFlow } from '@xyflow/react';
import type { DragEvent } from 'react';
import { useStudio } from '../store/react';
import { selectCanRedo, selectCanUndo } from '../store/selectors';
import { type ActionContext, addNodeAt, autoLayout } from './actions';
import { KIND_VIEWS } from './nodes/kind-views';

/** The palette: every node kind, in the engine's registry order, as its view shows it. */
const PALETTE = NODE_KINDS.map((kind) => ({
  kind,
  label: KIND_VIEWS[kind].name,
  dot: KIND_VIEWS[kind].colour,
}));

const BTN =
  'rounded px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-40 dark:text-slate-200 dark:hover:bg-slate-800';
const BAR =
  'flex items-center gap-0.5 rounded-md border border-slate-200 bg-white/95 p-1 shadow-sm dark:border-slate-700 dark:bg-slate-900/95';

/** Palette (click or drag a kind onto the canvas) and the canvas commands. */
export function CanvasToolbar({ ctx }: { ctx: ActionContext }) {
  const canUndo = useStudio(selectCanUndo);
  const canRedo = useStudio(selectCanRedo);
  const snap = useStudio((s) => s.snapToGrid);
  const { store } = ctx;
  const rf = useReactFlow();
  const onDragStart = (e: DragEvent, kind: NodeKind) => {
    e.dataTransfer.setData('application/x-backflow-node', kind);
    e.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <>
      <Panel position="top-left" className="!m-2">
        <div className={BAR} role="toolbar" aria-label="Add node">
          <span className="px-1.5 text-[10px] font-semibold uppercase tracking-wide text-slate-500 max-xl:hidden">
            Add
          </span>
          {PALETTE.map((p) => (
            <button
              key={p.kind}
              type="button"
              draggable
              onDragStart={(e) => onDragStart(e, p.kind)}
              onClick={() => addNodeAt(store, p.kind, ctx.viewCenter())}
              className={`${BTN} flex items-center gap-1.5`}
              title={`Add ${p.label} node (click, or drag onto the canvas)`}
              data-testid={`palette-${p.kind}`}
            >
              <span className={`h-2 w-2 rounded-full ${p.dot}`} />
              {p.label}
            </button>
          ))}
          <span className="mx-0.5 h-4 w-px bg-slate-200 dark:bg-slate-700" />
          <button
            type="button"
            className={`${BTN} flex items-center gap-1`}
            onClick={() => store.getState().setDialog('commands')}
            title="Search the node library and commands (Ctrl/⌘ K)"
            data-testid="open-palette"
          >
            Find…
            <kbd className="max-xl:hidden rounded border border-slate-300 px-1 font-mono text-[10px] text-slate-500 dark:border-slate-600">
              ⌘K
            </kbd>
          </button>
        </div>
      </Panel>
      <Panel position="top-right" className="!m-2">
        <div className={BAR} role="toolbar" aria-label="Canvas commands">
          {(
            [
              ['Undo', '↶', 'Ctrl/⌘ Z', canUndo, () => store.getState().undo()],
              ['Redo', '↷', 'Ctrl/⌘ Shift Z', canRedo, () => store.getState().redo()],
            ] as const
          ).map(([label, glyph, keys, enabled, run]) => (
            <button
              key={label}
              type="button"
              className={BTN}
              disabled={!enabled}
              onClick={run}
              title={`${label} (${keys})`}
              aria-label={label}
            >
              {/* Words where the canvas is wide; at 1024 px the two bars would overlap. */}
              <span className="max-xl:hidden">{label}</span>
              <span className="xl:hidden" aria-hidden="true">
                {glyph}
              </span>
            </button>
          ))}
          <span className="mx-0.5 h-4 w-px bg-slate-200 dark:bg-slate-700" />
          <button
            type="button"
            className={BTN}
            onClick={() => void autoLayout(ctx)}
            title="Auto-layout left to right (Shift L)"
          >
            Layout
          </button>
          <button
            type="button"
            className={BTN}
            onClick={() => void rf.zoomOut({ duration: 150 })}
            aria-label="Zoom out"
            title="Zoom out (Ctrl/⌘ scroll)"
          >
            −
          </button>
          <button type="button" className={BTN} onClick={() => ctx.fitView()} title="Fit view (Shift 1)">
            Fit
          </button>
          <button
            type="button"
            className={BTN}
            onClick={() => void rf.zoomIn({ duration: 150 })}
            aria-label="Zoom in"
            title="Zoom in (Ctrl/⌘ scroll)"
          >
            +
          </button>
          <button
            type="button"
            className={`${BTN} ${snap ? 'bg-sky-100 text-sky-800 dark:bg-sky-900 dark:text-sky-100' : ''}`}
            aria-pressed={snap}
            onClick={() => store.getState().setSnapToGrid(!snap)}
            title="Snap to grid (G)"
          >
            Snap
          </button>
          <button
            type="button"
            className={BTN}
            onClick={() => store.getState().setDialog('shortcuts')}
            title="Keyboard shortcuts (?)"
          >
            ?
          </button>
        </div>
      </Panel>
    </>
  );
}
