/**
 * The mapping step of a dataset import: which columns are inputs, which is the target, a preview
 * of the resulting examples, and every unreadable row with its line number.
 */
import { type Dataset, workflowExampleFields } from '@backflow/engine';
import { useMemo, useState } from 'react';
import {
  buildDataset,
  type DatasetFormat,
  type DatasetMapping,
  datasetFieldProblems,
  guessMapping,
  inspectDatasetText,
} from '../engine-adapters/datasets';
import { INPUT } from '../inspector/fields';
import { useStudio } from '../store/react';
import { isolate } from '../ui/bidi';
import { Dialog } from '../ui/Dialog';
import { IsolatedText } from '../ui/IsolatedText';

export interface PendingFile {
  name: string;
  text: string;
  format: DatasetFormat;
}

/** Dialog that turns a picked file into a dataset. */
export function ImportMapping({
  file,
  onCancel,
  onImport,
}: {
  file: PendingFile;
  onCancel(): void;
  onImport(dataset: Dataset): void;
}) {
  const [hasHeader, setHasHeader] = useState(true);
  const inspected = useMemo(
    () => inspectDatasetText(file.text, file.format, { hasHeader }),
    [file, hasHeader],
  );
  const doc = useStudio((s) => s.doc);
  const workflowFields = useMemo(() => workflowExampleFields(doc.nodes), [doc.nodes]);
  const [mapping, setMapping] = useState<DatasetMapping>(() =>
    guessMapping(inspected.columns, inspected.rows, workflowFields),
  );
  const built = useMemo(
    () =>
      buildDataset(inspected, mapping, {
        id: `ds_${Date.now().toString(36)}`,
        name: file.name.replace(/\.[^.]+$/, ''),
        fileName: file.name,
      }),
    [inspected, mapping, file.name],
  );
  const toggleInput = (col: string) =>
    setMapping((m) => ({
      ...m,
      inputFields: m.inputFields.includes(col)
        ? m.inputFields.filter((c) => c !== col)
        : [...m.inputFields, col],
    }));
  const current = useStudio((s) => s.dataset);
  const fieldProblems = useMemo(
    () => (built.dataset.examples.length > 0 ? datasetFieldProblems(doc, built.dataset) : []),
    [doc, built.dataset],
  );
  const count = built.dataset.examples.length;
  const canImport = mapping.inputFields.length > 0 && mapping.targetField !== '' && count > 0;
  // Nothing read: a file-level problem (a .json file that is not JSON, or not a list; a file with
  // no rows) is one message, not "1 row skipped"; row-by-row formats still list their lines.
  const fileProblem =
    inspected.rows.length > 0
      ? undefined
      : inspected.errors.length === 0
        ? 'The file has no rows to import (only a header, or nothing).'
        : file.format === 'json'
          ? inspected.errors[0]?.message
          : undefined;

  return (
    <Dialog title={`Import ${isolate(file.name)}`} onClose={onCancel} wide testId="dataset-import-dialog">
      <div className="flex flex-col gap-3">
        <div className="text-xs text-slate-500">
          {file.format.toUpperCase()} · {inspected.rows.length} rows read · {inspected.columns.length} columns
        </div>
        {(file.format === 'csv' || file.format === 'tsv') && (
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={hasHeader}
              onChange={(e) => {
                const next = inspectDatasetText(file.text, file.format, { hasHeader: e.target.checked });
                setHasHeader(e.target.checked);
                setMapping(guessMapping(next.columns, next.rows, workflowFields));
              }}
            />
            First row holds the column names
          </label>
        )}
        <div className="grid grid-cols-[1fr_auto] gap-4">
          <fieldset className="flex flex-col gap-1">
            <legend className="mb-1 text-[11px] font-semibold uppercase tracking-wide text-slate-500">
              Input fields
            </legend>
            <div className="flex flex-wrap gap-x-4 gap-y-1">
              {inspected.columns.map((col) => (
                <label key={col} className="flex items-center gap-1.5 font-mono text-xs">
                  <input
                    type="checkbox"
                    checked={mapping.inputFields.includes(col)}
                    onChange={() => toggleInput(col)}
                    aria-label={`Input field ${col}`}
                  />
                  {col}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="flex flex-col gap-1">
            <label
              className="text-[11px] font-semibold uppercase tracking-wide text-slate-500"
              htmlFor="target-field"
            >
              Target
            </label>
            <select
              id="target-field"
              className={INPUT}
              value={mapping.targetField}
              onChange={(e) => setMapping({ ...mapping, targetField: e.target.value })}
            >
              {inspected.columns.map((col) => (
                <option key={col} value={col}>
                  {col}
                </option>
              ))}
            </select>
            <label className="flex items-center gap-1.5 text-xs">
              <input
                type="checkbox"
                checked={mapping.extractFinalAnswer}
                onChange={(e) => setMapping({ ...mapping, extractFinalAnswer: e.target.checked })}
              />
              Keep only the text after <code>####</code> (GSM8K)
            </label>
          </div>
        </div>
        <section>
          <h3 className="mb-1 text-[11px] font-semibold uppercase tracking-wide text-slate-500">Preview</h3>
          <table className="w-full table-fixed text-xs" data-testid="import-preview">
            <thead>
              <tr className="text-left text-slate-500">
                {mapping.inputFields.map((f) => (
                  <th key={f} className="px-1 font-mono font-normal">
                    {f}
                  </th>
                ))}
                <th className="w-40 px-1 font-mono font-normal">target</th>
              </tr>
            </thead>
            <tbody>
              {built.dataset.examples.slice(0, 5).map((ex) => (
                <tr key={ex.id} className="border-t border-slate-100 align-top dark:border-slate-800">
                  {mapping.inputFields.map((f) => (
                    <td key={f} className="truncate px-1 py-1" title={ex.inputs[f]}>
                      {ex.inputs[f]}
                    </td>
                  ))}
                  <td className="truncate px-1 py-1 font-mono" title={ex.target}>
                    {ex.target}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        {fileProblem !== undefined && (
          <p
            className="rounded border border-red-200 bg-red-50 p-2 text-xs text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
            role="alert"
            data-testid="import-file-problem"
          >
            {fileProblem}
          </p>
        )}
        {fieldProblems.length > 0 && (
          <section
            className="rounded border border-amber-200 bg-amber-50 p-2 text-xs text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200"
            data-testid="import-field-problems"
          >
            <h3 className="font-semibold">These examples do not fit the workflow's input node</h3>
            <ul>
              {fieldProblems.map((p) => (
                <li key={p}>
                  <IsolatedText text={p} />
                </li>
              ))}
            </ul>
            <p>Choose other input fields, or rename the input node's fields after importing.</p>
          </section>
        )}
        {fileProblem === undefined && built.errors.length > 0 && (
          <section
            className="rounded border border-amber-200 bg-amber-50 p-2 text-xs text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200"
            data-testid="import-errors"
          >
            <h3 className="font-semibold">
              {built.errors.length} {built.errors.length === 1 ? 'row' : 'rows'} skipped
            </h3>
            <ul className="max-h-28 overflow-auto">
              {built.errors.slice(0, 100).map((e) => (
                <li key={`${e.line}-${e.message}`}>{e.message}</li>
              ))}
            </ul>
          </section>
        )}
        {current && (
          <p className="text-xs text-slate-600 dark:text-slate-300" data-testid="import-replaces">
            This replaces the dataset "<bdi>{current.name}</bdi>" ({current.examples.length} examples); Undo
            in the next message brings it back, and Export keeps a copy.
          </p>
        )}
        <div className="flex justify-end gap-2">
          <button
            type="button"
            className="rounded px-3 py-1.5 text-xs hover:bg-slate-100 dark:hover:bg-slate-800"
            onClick={onCancel}
          >
            Cancel
          </button>
          <button
            type="button"
            disabled={!canImport}
            className="rounded bg-sky-600 px-3 py-1.5 text-xs font-semibold text-white hover:bg-sky-700 disabled:opacity-40"
            onClick={() => onImport(built.dataset)}
          >
            {current ? `Replace with ${count} examples` : `Import ${count} examples`}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
