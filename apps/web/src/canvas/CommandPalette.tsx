/**
 * The command palette (Ctrl/⌘ K, or the toolbar's "Find"): type to filter the node library, the
 * connections from the selected node and the canvas commands; ↑/↓ move, Enter runs, Esc closes.
 * A combobox over a listbox (the ARIA pattern), so a screen reader follows the active row.
 */
import { type KeyboardEvent, useMemo, useState } from 'react';
import { useStudioStore } from '../store/react';
import { Dialog } from '../ui/Dialog';
import type { ActionContext } from './actions';
import { filterCommands, type PaletteCommand, paletteCommands } from './commands';

/** The palette dialog; `ctx` is the canvas's action context (view centre, fit). */
export function CommandPalette({ ctx, onClose }: { ctx: ActionContext; onClose: () => void }) {
  const store = useStudioStore();
  // Taken once when the palette opens: the selection cannot change while it is open.
  const all = useMemo(() => paletteCommands(store.getState()), [store]);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const shown = useMemo(() => filterCommands(all, query), [all, query]);
  const current = Math.min(active, Math.max(0, shown.length - 1));
  const run = (c: PaletteCommand | undefined) => {
    if (!c) return;
    onClose();
    void c.perform(ctx);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + shown.length) % Math.max(1, shown.length));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      run(shown[current]);
    }
  };
  return (
    <Dialog title="Commands" onClose={onClose} testId="command-palette">
      <input
        // The palette exists to be typed into: `showModal()` (run after this mounts) focuses the
        // element carrying the autofocus attribute; React's autoFocus would focus it too early.
        ref={(el) => el?.setAttribute('autofocus', '')}
        role="combobox"
        aria-expanded="true"
        aria-controls="palette-list"
        aria-activedescendant={shown[current] ? `palette-${shown[current].id}` : undefined}
        aria-label="Search nodes and commands"
        placeholder="Search nodes and commands (e.g. model, js, connect, fit)"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        className="mb-2 w-full rounded border border-slate-300 px-2.5 py-1.5 text-sm outline-none focus:border-sky-500 focus:ring-2 focus:ring-sky-400/40 dark:border-slate-600 dark:bg-slate-800"
        data-testid="palette-search"
      />
      <div
        id="palette-list"
        role="listbox"
        aria-label="Matching commands"
        className="max-h-80 overflow-y-auto"
      >
        {shown.length === 0 && <p className="px-2 py-3 text-slate-500">Nothing matches "{query}".</p>}
        {shown.map((c, i) => (
          <div
            key={c.id}
            tabIndex={-1}
            id={`palette-${c.id}`}
            role="option"
            aria-selected={i === current}
            onClick={() => run(c)}
            onKeyDown={() => undefined}
            onMouseMove={() => i !== current && setActive(i)}
            className={`flex cursor-pointer items-baseline gap-2 rounded px-2 py-1.5 ${
              i === current ? 'bg-sky-100 dark:bg-sky-900/60' : ''
            }`}
            data-testid="palette-item"
          >
            {(i === 0 || shown[i - 1]?.group !== c.group) && (
              <span className="w-16 shrink-0 text-[10px] font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300">
                {c.group === 'Add node' ? 'Add' : c.group}
              </span>
            )}
            {i > 0 && shown[i - 1]?.group === c.group && <span className="w-16 shrink-0" />}
            <span className="shrink-0 font-medium">{c.label}</span>
            <span className="min-w-0 truncate text-xs text-slate-600 dark:text-slate-300">{c.hint}</span>
          </div>
        ))}
      </div>
    </Dialog>
  );
}
