import { useEffect, useRef, useState } from 'react';
import { useStudio, useStudioStore } from '../store/react';
import { downloadWorkflow } from './file-io';

/** The header's button (the Export menu sits among them). */
export const BTN =
  'rounded-md px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800';
const ITEM =
  'block w-full px-3 py-1.5 text-left hover:bg-slate-100 disabled:opacity-40 dark:hover:bg-slate-800';

/** Export the workflow alone or with its dataset (API keys are never included). */
export function ExportMenu() {
  const store = useStudioStore();
  const datasetSize = useStudio((s) => s.dataset?.examples.length ?? 0);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', close);
    return () => window.removeEventListener('pointerdown', close);
  }, [open]);
  const pick = (withDataset: boolean) => {
    downloadWorkflow(store, withDataset);
    setOpen(false);
  };
  return (
    <div ref={root} className="relative">
      <button
        type="button"
        className={BTN}
        aria-expanded={open}
        aria-haspopup="menu"
        onClick={() => setOpen(!open)}
      >
        Export
      </button>
      {open && (
        <div
          role="menu"
          className="absolute left-0 top-full z-50 mt-1 w-56 rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          <button type="button" role="menuitem" className={ITEM} onClick={() => pick(false)}>
            Workflow only
          </button>
          <button
            type="button"
            role="menuitem"
            className={ITEM}
            disabled={datasetSize === 0}
            onClick={() => pick(true)}
          >
            Workflow + dataset{datasetSize > 0 ? ` (${datasetSize} examples)` : ''}
          </button>
          <p className="px-3 pt-1 text-[11px] text-slate-400">API keys are never exported.</p>
        </div>
      )}
    </div>
  );
}
