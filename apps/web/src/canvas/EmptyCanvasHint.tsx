import { useStudioStore } from '../store/react';

/** What to do on an empty canvas: shown until the first node exists. */
export function EmptyCanvasHint() {
  const store = useStudioStore();
  return (
    <div className="pointer-events-none absolute inset-0 flex items-center justify-center">
      <div className="pointer-events-auto max-w-sm rounded-lg border border-dashed border-slate-300 bg-white/80 p-5 text-center text-sm text-slate-600 dark:border-slate-700 dark:bg-slate-900/80 dark:text-slate-300">
        <p className="font-medium text-slate-800 dark:text-slate-100">An empty workflow</p>
        <p className="mt-1">
          Add nodes from the palette above (click or drag), or right-click the canvas. Connect a node's right
          handle to another's left handle.
        </p>
        <button
          type="button"
          className="mt-3 rounded-md bg-sky-700 px-3 py-1.5 text-xs font-semibold text-white hover:bg-sky-800"
          onClick={() => store.getState().setDialog('gallery')}
        >
          Open an example
        </button>
      </div>
    </div>
  );
}
