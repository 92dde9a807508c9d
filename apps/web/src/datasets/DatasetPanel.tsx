/**
 * The Dataset tab: import by file picker or drag-and-drop (then the mapping step), the split
 * controls (seeded shuffle), and the virtualised example table.
 */
import { type DragEvent, useRef, useState } from 'react';
import { readPickedDataset, splitDataset } from '../engine-adapters/datasets';
import { fileSizeProblem, readFileText } from '../engine-adapters/parse';
import { INPUT } from '../inspector/fields';
import { useStudio, useStudioStore } from '../store/react';
import { isolate } from '../ui/bidi';
import { ExampleTable } from './ExampleTable';
import { ImportMapping, type PendingFile } from './ImportMapping';

/** The split's two percentages (test gets the rest): its field, label and accessible name. */
const SPLIT_PERCENTS = [
  { key: 'train', label: 'Train %', name: 'Train percent' },
  { key: 'val', label: 'Val %', name: 'Validation percent' },
] as const;

/** The Dataset panel (lazy-loaded). */
export default function DatasetPanel() {
  const store = useStudioStore();
  const dataset = useStudio((s) => s.dataset);
  const split = useStudio((s) => s.split);
  const [pending, setPending] = useState<PendingFile | null>(null);
  const [dragOver, setDragOver] = useState(false);
  const picker = useRef<HTMLInputElement>(null);

  const open = async (file: File) => {
    // Refused before the mapping step: nothing is parsed, nothing changes.
    const refuse = (why: string) =>
      store.getState().toast(`${isolate(file.name)}: ${why}`, { kind: 'error', ms: 10000 });
    const tooLarge = fileSizeProblem(file.size);
    if (tooLarge) return refuse(tooLarge);
    const picked = readPickedDataset(file.name, await readFileText(file));
    if (!picked.ok) return refuse(picked.message);
    setPending({ name: file.name, text: picked.text, format: picked.format });
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragOver(false);
    const file = e.dataTransfer.files[0];
    if (file) void open(file);
  };
  const counts = { train: 0, val: 0, test: 0 };
  for (const ex of dataset?.examples ?? []) if (ex.split) counts[ex.split]++;

  return (
    <div className="flex h-full flex-col gap-3 p-3">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a file drop target; the button inside is the accessible path */}
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragOver(true);
        }}
        onDragLeave={() => setDragOver(false)}
        onDrop={onDrop}
        className={`flex flex-col items-center gap-1 rounded-lg border-2 border-dashed p-4 text-center text-xs ${
          dragOver ? 'border-sky-500 bg-sky-50 dark:bg-sky-950' : 'border-slate-300 dark:border-slate-700'
        }`}
        data-testid="dataset-dropzone"
      >
        <span>Drop a CSV, TSV, JSONL or JSON file here, or</span>
        <button
          type="button"
          className="rounded bg-sky-600 px-3 py-1 font-semibold text-white hover:bg-sky-700"
          onClick={() => picker.current?.click()}
        >
          Choose a file…
        </button>
        <input
          ref={picker}
          type="file"
          accept=".csv,.tsv,.jsonl,.ndjson,.json,text/csv,text/tab-separated-values,application/json"
          className="hidden"
          data-testid="dataset-file-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void open(file);
          }}
        />
      </div>
      {dataset ? (
        <>
          <div className="flex items-baseline gap-2">
            <h3 className="min-w-0 truncate font-semibold">
              <bdi>{dataset.name}</bdi>
            </h3>
            <span className="text-xs text-slate-500" data-testid="dataset-count">
              {dataset.examples.length} examples
            </span>
            <button
              type="button"
              className="ml-auto text-xs text-red-600 hover:underline"
              onClick={() => store.getState().setDataset(null)}
            >
              Remove
            </button>
          </div>
          <div className="flex flex-wrap items-end gap-2 text-xs">
            {SPLIT_PERCENTS.map(({ key, label, name }) => (
              <label key={key} className="flex flex-col">
                {label}
                <input
                  aria-label={name}
                  type="number"
                  min={0}
                  max={100}
                  className={`${INPUT} !w-16`}
                  value={Math.round(split[key] * 100)}
                  onChange={(e) =>
                    store.getState().setSplit({ ...split, [key]: Number(e.target.value) / 100 })
                  }
                />
              </label>
            ))}
            <label className="flex flex-col">
              Seed
              <input
                aria-label="Split seed"
                type="number"
                className={`${INPUT} !w-20`}
                value={split.seed}
                onChange={(e) => store.getState().setSplit({ ...split, seed: Number(e.target.value) })}
              />
            </label>
            <button
              type="button"
              className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-800"
              onClick={() =>
                store.getState().setDataset({ ...dataset, examples: splitDataset(dataset.examples, split) })
              }
            >
              Shuffle &amp; split
            </button>
            <span className="text-slate-500">
              {counts.train} train · {counts.val} val · {counts.test} test
            </span>
          </div>
          <ExampleTable dataset={dataset} />
        </>
      ) : (
        <p className="text-xs text-slate-500" data-testid="dataset-empty">
          No dataset yet. Import a CSV, JSON or JSONL file with one example per row (for instance a GSM8K, BBH
          or LIAR file), or open one of the Examples: each comes with its data.
        </p>
      )}
      {pending && (
        <ImportMapping
          file={pending}
          onCancel={() => setPending(null)}
          onImport={(ds) => {
            const previous = dataset;
            store.getState().setDataset({ ...ds, examples: splitDataset(ds.examples, split) });
            setPending(null);
            const from = `${ds.examples.length} examples from ${isolate(pending.name)}`;
            if (!previous) return void store.getState().toast(`Imported ${from}.`);
            // The replaced dataset stays one click away.
            store.getState().toast(`Replaced "${isolate(previous.name)}" with ${from}.`, {
              ms: 12000,
              action: { label: 'Undo', run: () => store.getState().setDataset(previous) },
            });
          }}
        />
      )}
    </div>
  );
}
