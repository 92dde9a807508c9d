/**
 * The shape a stored (or imported) dataset must have before the studio keeps it: a dataset with
 * string cells and its split settings. A bundle's dataset part and every dataset row read back
 * from IndexedDB pass through {@link readDatasetEntry}, so a malformed one is refused with a
 * sentence instead of crashing the table that renders it. Unknown fields are dropped (a bundle
 * cannot smuggle `id` or `workflowId` into the stored row).
 */
import type { Dataset } from '@backflow/engine';
import * as z from 'zod';
import type { SplitConfig } from '../store/data-slice';

// zod's record builds a fresh object and leaves out a `__proto__` key, so a hostile field name
// can never become a prototype of a stored example (tested in import-safety.test.ts).
const fieldName = z
  .string({ error: 'a field name must be text' })
  .min(1, 'a field name is empty')
  .max(200, 'a field name is longer than 200 characters');

const cells = z.record(fieldName, z.string({ error: 'every cell must be text' }));

const exampleSchema = z.object({
  id: z
    .string({ error: 'an example id must be text' })
    .min(1, 'an example id is empty')
    .max(200, 'an example id is longer than 200 characters'),
  inputs: cells,
  target: z.string({ error: 'the target must be text' }),
  targets: cells.optional(),
  split: z.enum(['train', 'val', 'test']).optional(),
});

const datasetSchema = z.object({
  id: z.string().min(1).max(200),
  name: z.string().max(200),
  examples: z.array(exampleSchema).min(1, 'it has no examples'),
  fields: z.array(fieldName),
  source: z
    .object({ fileName: z.string().max(1000), format: z.enum(['jsonl', 'json', 'csv', 'tsv']) })
    .optional(),
});

const fraction = z.number().min(0).max(1);
const splitSchema = z
  .object({
    seed: z.number({ error: 'the split seed must be a number' }).int('the split seed must be a whole number'),
    train: fraction,
    val: fraction,
  })
  .refine((s) => s.train + s.val <= 1 + 1e-9, 'train and validation shares add up to more than 100%');

const entrySchema = z.object(
  { dataset: datasetSchema, split: splitSchema },
  { error: 'it is not an object with "dataset" and "split"' },
);

/** A dataset with the split settings it is shown with (a bundle's `dataset` part, a stored row). */
export interface DatasetEntry {
  dataset: Dataset;
  split: SplitConfig;
}

/** The entry, cleaned of unknown fields, or a sentence naming the first few things wrong with it. */
export function readDatasetEntry(
  value: unknown,
): { ok: true; entry: DatasetEntry } | { ok: false; message: string } {
  const r = entrySchema.safeParse(value);
  if (r.success) return { ok: true, entry: r.data as DatasetEntry };
  const issues = r.error.issues.slice(0, 3).map((i) => {
    const path = i.path.map(String).join('.');
    if (path && /received undefined$/.test(i.message)) return `"${path}" is missing.`;
    return `${i.message}${path ? ` at ${path}` : ''}.`;
  });
  return { ok: false, message: issues.join(' ') };
}
