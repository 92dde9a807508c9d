import { useLiveQuery } from 'dexie-react-hooks';
import { listQuarantine, TABLE_NOUN } from '../persistence/quarantine';
import { download } from '../ui/download';
import { IsolatedText } from '../ui/IsolatedText';
import { useServices } from './services';

/** A row's small button (the projects list's too). */
export const BTN =
  'rounded px-2 py-0.5 text-xs text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800';

/**
 * Stored rows that could not be read and were set aside on load (persistence/quarantine.ts): what
 * they were, why, and their raw content as a download, so nothing is lost; Delete drops one.
 */
export function QuarantineList() {
  const { persistence } = useServices();
  const { db } = persistence;
  const rows = useLiveQuery(() => listQuarantine(db), [db]);
  if (!rows || rows.length === 0) return null;
  return (
    <section className="mt-4" data-testid="quarantine">
      <h3 className="mb-1 text-[11px] font-semibold uppercase tracking-wide text-slate-500">Set aside</h3>
      <p className="mb-1 text-xs text-slate-500">
        Stored items that no longer read. Download one to repair it by hand, then import it.
      </p>
      <ul className="divide-y divide-slate-100 dark:divide-slate-800">
        {rows.map((q) => (
          <li key={q.id} className="flex items-center gap-2 py-1.5 text-xs" data-testid="quarantine-row">
            <span className="min-w-0 flex-1">
              <span className="font-medium">
                {capitalised(TABLE_NOUN[q.table] ?? q.table)} <IsolatedText text={q.key} />
              </span>{' '}
              <span className="text-slate-500">
                <IsolatedText text={q.reason} />
              </span>
            </span>
            <button
              type="button"
              className={BTN}
              onClick={() =>
                download({
                  name: `set-aside-${q.id}.json`,
                  type: 'application/json',
                  text: JSON.stringify(q.row, null, 2),
                })
              }
            >
              Download
            </button>
            <button
              type="button"
              className={`${BTN} text-red-600`}
              onClick={() => q.id !== undefined && void db.quarantine.delete(q.id)}
            >
              Delete
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
