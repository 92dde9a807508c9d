/**
 * The shape a stored (or imported) dataset must have before the studio keeps it: a bundle's dataset
 * part and every dataset row read back from IndexedDB pass through {@link readDatasetEntry}, so a
 * malformed one is refused with a sentence instead of crashing the table that renders it. The
 * checks are the engine's (`readBundleDataset`), the same the command line makes of a bundle;
 * the studio adds only its default split for a dataset that comes without one.
 */
import { type Dataset, readBundleDataset } from '@backflow/engine';
import { DEFAULT_SPLIT, type SplitConfig } from '../store/data-slice';

/** A dataset with the split settings it is shown with (a bundle's `dataset` part, a stored row). */
export interface DatasetEntry {
  dataset: Dataset;
  split: SplitConfig;
}

/**
 * The entry, cleaned of unknown fields, or a sentence naming the first few things wrong with it.
 * A file coming in is checked in full; a stored row may hold what an older build let in (a
 * repeated example id, a field named `constructor`), so that it stays readable.
 */
export function readDatasetEntry(
  value: unknown,
  from: 'file' | 'storage',
): { ok: true; entry: DatasetEntry } | { ok: false; message: string } {
  const read = readBundleDataset(value, { from });
  if (!read.ok) return read;
  return { ok: true, entry: { dataset: read.entry.dataset, split: read.entry.split ?? DEFAULT_SPLIT } };
}
