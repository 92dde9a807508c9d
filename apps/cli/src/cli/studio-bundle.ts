/**
 * The studio's export file ("Export" in the studio: `<name>.backflow.json`), read by the command
 * line: `{ format: "backflow.bundle", version: 1, workflow, dataset?: { dataset, split } }`. A
 * workflow argument may be such a bundle or a bare workflow document (what `optimize` writes as
 * `workflow.optimized.json`): one format both ways.
 */
import {
  checkJsonLimits,
  type Example,
  labelSplits as engineLabelSplits,
  findForbiddenKeys,
  firstRepeatedId,
  repeatedIdMessage,
} from '@backflow/engine';
import { dataError } from './exit-codes';

export const STUDIO_BUNDLE_FORMAT = 'backflow.bundle';
export const STUDIO_BUNDLE_VERSION = 1;

/** The dataset a studio bundle carries, with the split the studio would use. */
export interface BundleDataset {
  name: string;
  /** Every example labelled train/val/test (see {@link labelBundleSplits}). */
  examples: Example[];
}

/** A workflow argument, unwrapped: the workflow document (parsed JSON or the raw text) and the bundle's dataset. */
export interface WorkflowSource {
  /** What to hand to `checkWorkflow`: the raw text for a bare document (keeps its parse errors exact). */
  document: unknown;
  /** True when the file was a studio bundle. */
  bundle: boolean;
  dataset?: BundleDataset;
}

/** The split settings of the studio (train and val fractions; test gets the rest). */
interface StudioSplit {
  seed: number;
  train: number;
  val: number;
}

/**
 * Unwraps a studio bundle; anything else is passed on as it is (a bare workflow document, or text
 * that is not JSON, which `checkWorkflow` then reports). `shownAs` names the file in errors.
 */
export function readWorkflowSource(text: string, shownAs: string): WorkflowSource {
  // Text over a reading limit is handed on as it is: `checkWorkflow` names the limit (too_large).
  if (checkJsonLimits(text) !== undefined) return { document: text, bundle: false };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { document: text, bundle: false };
  }
  const obj = value as { format?: unknown; version?: unknown; workflow?: unknown; dataset?: unknown } | null;
  if (!obj || typeof obj !== 'object' || obj.format !== STUDIO_BUNDLE_FORMAT)
    return { document: text, bundle: false };
  if (obj.version !== STUDIO_BUNDLE_VERSION) {
    throw dataError(
      `${shownAs} is a studio bundle of version ${String(obj.version)}; this build reads version ${STUDIO_BUNDLE_VERSION}.`,
    );
  }
  if (obj.workflow === undefined) throw dataError(`${shownAs} is a studio bundle without a workflow.`);
  const source: WorkflowSource = { document: obj.workflow, bundle: true };
  if (obj.dataset !== undefined) source.dataset = readBundleDataset(obj.dataset, shownAs);
  return source;
}

function readBundleDataset(value: unknown, shownAs: string): BundleDataset {
  const forbidden = findForbiddenKeys(value)[0];
  if (forbidden)
    throw dataError(`${shownAs}: the bundle's dataset has the forbidden key at dataset.${forbidden.path}.`);
  const entry = value as { dataset?: { name?: unknown; examples?: unknown }; split?: unknown };
  const examples = entry?.dataset?.examples;
  if (!Array.isArray(examples)) throw dataError(`${shownAs}: the bundle's dataset has no examples list.`);
  examples.forEach((e, i) => {
    const ex = e as Partial<Example> | null;
    const ok =
      ex !== null &&
      typeof ex === 'object' &&
      typeof ex.id === 'string' &&
      typeof ex.target === 'string' &&
      ex.inputs !== null &&
      typeof ex.inputs === 'object';
    if (!ok) throw dataError(`${shownAs}: dataset example ${i + 1} lacks an id, inputs or target.`);
  });
  const repeat = firstRepeatedId(examples as Example[]);
  if (repeat) throw dataError(`${shownAs}: dataset ${repeatedIdMessage(repeat)}.`);
  const name = typeof entry.dataset?.name === 'string' ? entry.dataset.name : 'dataset';
  return { name, examples: labelBundleSplits(examples as Example[], readBundleSplit(entry.split, shownAs)) };
}

/**
 * The bundle's split settings, checked: a seed that is a whole number, and fractions from 0 to 1
 * that add up to at most 1 (the studio never writes anything else; a hand-edited file might).
 */
function readBundleSplit(value: unknown, shownAs: string): Partial<StudioSplit> | undefined {
  if (value === undefined || value === null) return undefined;
  const fail = (why: string) => dataError(`${shownAs}: the bundle's split settings ${why}.`);
  if (typeof value !== 'object' || Array.isArray(value)) throw fail('are not an object');
  const split = value as Record<string, unknown>;
  if (split.seed !== undefined && !Number.isSafeInteger(split.seed))
    throw fail(`have the seed ${JSON.stringify(split.seed)}; it must be a whole number`);
  for (const key of ['train', 'val'] as const) {
    const fraction = split[key];
    if (fraction === undefined) continue;
    if (typeof fraction !== 'number' || !Number.isFinite(fraction) || fraction < 0 || fraction > 1)
      throw fail(`have "${key}": ${String(fraction)}; fractions must be numbers from 0 to 1`);
  }
  const sum = ((split.train as number | undefined) ?? 0) + ((split.val as number | undefined) ?? 0);
  if (sum > 1 + 1e-9) throw fail(`have train + val = ${sum}, more than 1`);
  return split as Partial<StudioSplit>;
}

/**
 * Labels every example train/val/test as the studio does: examples the file already labels keep
 * their label; the others are cut by the bundle's split settings with the engine's
 * {@link engineLabelSplits} (the studio's own split), so the command line trains and validates on
 * exactly the examples the studio shows in each split. Without split settings, unlabelled examples
 * are train.
 */
export function labelBundleSplits(
  examples: readonly Example[],
  split: Partial<StudioSplit> | undefined,
): Example[] {
  if (!split || typeof split.seed !== 'number') {
    return examples.map((e) => ({ ...e, split: e.split ?? 'train' }));
  }
  return engineLabelSplits(examples, {
    seed: split.seed,
    train: split.train ?? 1,
    val: split.val ?? 0,
    keepLabels: true,
  });
}
