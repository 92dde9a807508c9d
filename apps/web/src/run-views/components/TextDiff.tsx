/** A plain side-by-side diff (the `diff` package): the fallback for CodeMirror's merge view. */
import { memo, useMemo } from 'react';
import { sideBySide } from '../derive/side-by-side';

const CELL = {
  same: '',
  removed: 'bg-rose-50 dark:bg-rose-950',
  added: 'bg-emerald-50 dark:bg-emerald-950',
  changed: '',
};

/** Two columns, `before` left and `after` right, changed lines tinted. */
export const TextDiff = memo(function TextDiff({
  before,
  after,
  beforeLabel = 'current',
  afterLabel = 'proposed',
}: {
  before: string;
  after: string;
  beforeLabel?: string;
  afterLabel?: string;
}) {
  const rows = useMemo(() => sideBySide(before, after), [before, after]);
  return (
    <table className="w-full table-fixed border-collapse font-mono text-xs" data-testid="text-diff">
      <thead>
        <tr className="text-left text-[11px] text-slate-500">
          <th scope="col" className="px-1.5 font-semibold">
            {beforeLabel}
          </th>
          <th scope="col" className="px-1.5 font-semibold">
            {afterLabel}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
          <tr key={i} data-kind={row.kind}>
            <td
              className={`whitespace-pre-wrap break-words px-1.5 align-top ${row.left === undefined ? '' : row.kind === 'same' ? '' : CELL.removed}`}
            >
              {row.left !== undefined && row.kind !== 'same' && <span className="sr-only">removed: </span>}
              {row.left ?? ''}
            </td>
            <td
              className={`whitespace-pre-wrap break-words px-1.5 align-top ${row.right === undefined ? '' : row.kind === 'same' ? '' : CELL.added}`}
            >
              {row.right !== undefined && row.kind !== 'same' && <span className="sr-only">added: </span>}
              {row.right ?? ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
});
