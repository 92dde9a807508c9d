import { CANVAS_ACTIONS } from '../canvas/actions';
import { Dialog } from './Dialog';

/** Lists every keyboard shortcut, straight from the action table so it cannot go stale. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} testId="shortcuts-dialog">
      <table className="w-full">
        <tbody>
          {CANVAS_ACTIONS.map((a) => (
            <Shortcut
              key={a.id}
              label={a.label}
              keys={a.keys}
              className="border-b border-slate-100 last:border-0 dark:border-slate-800"
            />
          ))}
          <Shortcut
            label="Copy / cut / paste selection (as workflow JSON, works across tabs)"
            keys="Ctrl/⌘ C · X · V"
          />
          <Shortcut label="Box-select / add to selection" keys="Shift drag · Ctrl/⌘ click" />
        </tbody>
      </table>
    </Dialog>
  );
}

/** One row: what it does, and its keys. */
function Shortcut({ label, keys, className }: { label: string; keys: string; className?: string }) {
  return (
    <tr className={className}>
      <td className="py-1.5">{label}</td>
      <td className="py-1.5 text-right">
        <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs dark:border-slate-600 dark:bg-slate-800">
          {keys}
        </kbd>
      </td>
    </tr>
  );
}
