import { CANVAS_ACTIONS } from '../canvas/actions';
import { Dialog } from './Dialog';

/** Lists every keyboard shortcut, straight from the action table so it cannot go stale. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} testId="shortcuts-dialog">
      <table className="w-full">
        <tbody>
          {CANVAS_ACTIONS.map((a) => (
            <tr key={a.id} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
              <td className="py-1.5">{a.label}</td>
              <td className="py-1.5 text-right">
                <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs dark:border-slate-600 dark:bg-slate-800">
                  {a.keys}
                </kbd>
              </td>
            </tr>
          ))}
          <tr>
            <td className="py-1.5">Copy / cut / paste selection (as workflow JSON, works across tabs)</td>
            <td className="py-1.5 text-right">
              <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs dark:border-slate-600 dark:bg-slate-800">
                Ctrl/⌘ C · X · V
              </kbd>
            </td>
          </tr>
          <tr>
            <td className="py-1.5">Box-select / add to selection</td>
            <td className="py-1.5 text-right">
              <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs dark:border-slate-600 dark:bg-slate-800">
                Shift drag · Ctrl/⌘ click
              </kbd>
            </td>
          </tr>
        </tbody>
      </table>
    </Dialog>
  );
}
