/**
 * The dataset part of a studio bundle, `{ dataset, split }`, checked the same way in the studio
 * (Import, and every dataset row read back from IndexedDB) and in the command line: a dataset
 * with string cells and at least one example, unique example ids, no key that could reach an
 * object's prototype, and split settings that make sense. What the studio always writes but a
 * hand-made file may leave out is filled in: the dataset's id and name (`dataset`), its fields
 * (the input fields of its examples, in order of appearance) and the split (absent: the reader of
 * the entry decides, see {@link labelBundleSplits}). Unknown properties are dropped, so a file
 * cannot smuggle other fields into the stored row.
 */
import * as z from 'zod';
import { inputFieldsOf } from '../datasets/input-fields';
import { firstRepeatedId, repeatedIdMessage } from '../datasets/repeated-id';
import { labelSplits } from '../datasets/split';
import type { Dataset, Example } from '../datasets/types';
import { formatPath } from '../graph/problems';
import { findForbiddenKeys } from '../graph/raw-json';

/** How the studio cuts a dataset: a seeded shuffle, then train and val fractions (test gets the rest). */
export interface SplitSettings {
  seed: number;
  /** Fractions in [0, 1]; train + val is at most 1. */
  train: number;
  val: number;
}

/** A bundle's dataset with the split settings it was exported with, if it had any. */
export interface BundleDataset {
  dataset: Dataset;
  split?: SplitSettings;
}

/**
 * A custom message for a value of the wrong type, but not for a missing one: that keeps zod's own
 * message, which the reader turns into `"dataset.examples[0].target" is missing.`.
 */
const unlessMissing =
  (message: string) =>
  (issue: { input?: unknown }): string | undefined =>
    issue.input === undefined ? undefined : message;

const fieldName = z
  .string({ error: unlessMissing('a field name must be text') })
  .min(1, 'a field name is empty')
  .max(200, 'a field name is longer than 200 characters');

const cells = z.record(fieldName, z.string({ error: unlessMissing('every cell must be text') }));

const exampleSchema = z.object({
  id: z
    .string({ error: unlessMissing('an example id must be text') })
    .min(1, 'an example id is empty')
    .max(200, 'an example id is longer than 200 characters'),
  inputs: cells,
  target: z.string({ error: unlessMissing('the target must be text') }),
  targets: cells.optional(),
  split: z.enum(['train', 'val', 'test']).optional(),
});

const datasetSchema = z.object(
  {
    id: z.string().min(1).max(200).optional(),
    name: z.string().max(200).optional(),
    examples: z
      .array(exampleSchema, { error: unlessMissing('the examples must be a list') })
      .min(1, 'it has no examples'),
    fields: z.array(fieldName).optional(),
    source: z
      .object({ fileName: z.string().max(1000), format: z.enum(['jsonl', 'json', 'csv', 'tsv']) })
      .optional(),
  },
  { error: unlessMissing('the dataset must be an object') },
);

// JSON's 1e999 parses as Infinity, which is not a number zod takes: it gets the same sentence.
const notAShare = (issue: { input?: unknown }) =>
  unlessMissing(`a split share must be a number from 0 to 1 (this one is ${String(issue.input)})`)(issue);
const fraction = z.number({ error: notAShare }).min(0, { error: notAShare }).max(1, { error: notAShare });
const splitSchema = z
  .object(
    {
      seed: z
        .number({ error: unlessMissing('the split seed must be a number') })
        .int('the split seed must be a whole number'),
      train: fraction,
      val: fraction,
    },
    { error: unlessMissing('the split settings must be an object') },
  )
  .refine((s) => s.train + s.val <= 1 + 1e-9, 'train and validation shares add up to more than 100%');

const entrySchema = z.object(
  // `"split": null` in a hand-made file means no split settings, as leaving it out does.
  { dataset: datasetSchema, split: splitSchema.nullish() },
  { error: 'it is not an object with a "dataset"' },
);

/** Where the value read by {@link readBundleDataset} comes from. */
export interface ReadBundleDatasetOptions {
  /**
   * `file` (the default): a file coming in, checked in full. `storage`: a dataset this program
   * stored earlier and reads back. That one may hold what an older build let in, and stays
   * readable, so nothing stored is lost: repeated example ids (runs and tables find examples by
   * id, so a file may not bring them) and `constructor` or `prototype` as field names (a file may
   * not bring those either). A `__proto__` key never becomes a prototype either way: zod builds
   * fresh objects and leaves it out.
   */
  from?: 'file' | 'storage';
}

/**
 * Reads a bundle's dataset part: the dataset with its gaps filled (see the file's comment), or a
 * sentence naming the first few things wrong with it (`"dataset.examples" is missing.`, `every cell
 * must be text at dataset.examples[0].inputs.question.`). Paths start at the dataset part.
 */
export function readBundleDataset(
  value: unknown,
  options: ReadBundleDatasetOptions = {},
): { ok: true; entry: BundleDataset } | { ok: false; message: string } {
  const fromFile = options.from !== 'storage';
  const forbidden = fromFile ? findForbiddenKeys(value)[0] : undefined;
  if (forbidden) return { ok: false, message: `it has the forbidden key at ${forbidden.path}.` };
  const read = entrySchema.safeParse(value);
  if (!read.success) {
    const issues = read.error.issues.slice(0, 3).map((issue) => {
      const path = formatPath(issue.path);
      if (path && /received undefined$/.test(issue.message)) return `"${path}" is missing.`;
      // A bad field name is reported as "Invalid key in record"; what is wrong with it is nested.
      const message = (issue.code === 'invalid_key' && issue.issues[0]?.message) || issue.message;
      return `${message}${path ? ` at ${path}` : ''}.`;
    });
    return { ok: false, message: issues.join(' ') };
  }
  const { dataset, split } = read.data;
  const examples = dataset.examples as Example[];
  const repeat = fromFile ? firstRepeatedId(examples) : undefined;
  if (repeat) return { ok: false, message: `${repeatedIdMessage(repeat)}.` };
  const entry: BundleDataset = {
    dataset: {
      id: dataset.id ?? 'dataset',
      name: dataset.name ?? 'dataset',
      examples,
      fields: dataset.fields ?? inputFieldsOf(examples),
      ...(dataset.source ? { source: dataset.source } : {}),
    },
    ...(split ? { split } : {}),
  };
  return { ok: true, entry };
}

/**
 * Labels every example train/val/test as the studio does: examples the file already labels keep
 * their label; the others are cut by `split` with {@link labelSplits}, the studio's own split, so
 * the command line trains and validates on exactly the examples the studio shows in each split.
 * Without split settings, unlabelled examples are train.
 */
export function labelBundleSplits(examples: readonly Example[], split: SplitSettings | undefined): Example[] {
  if (!split) return examples.map((e) => ({ ...e, split: e.split ?? 'train' }));
  return labelSplits(examples, { ...split, keepLabels: true });
}
