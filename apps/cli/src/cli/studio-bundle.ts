/**
 * The studio's export file ("Export" in the studio: `<name>.backflow.json`), read by the command
 * line. A workflow argument may be such a bundle or a bare workflow document (what `optimize`
 * writes as `workflow.optimized.json`): one format both ways. The bundle is unwrapped and its
 * dataset checked by the engine (bundle/), as the studio's Import does, so both hosts take and
 * refuse the same files.
 */
import {
  checkJsonLimits,
  type Example,
  labelBundleSplits,
  readBundleDataset,
  readBundleEnvelope,
} from '@backflow/engine';
import { dataError } from './exit-codes';

/**
 * A studio bundle's dataset as the CLI runs it: its name, and its examples labelled with the
 * studio's split (the engine reads the bundle's `{ dataset, split }` as a `BundleDataset`).
 */
export interface BundledExamples {
  name: string;
  /** Every example labelled train/val/test (see the engine's `labelBundleSplits`). */
  examples: Example[];
}

/** A workflow argument, unwrapped: the workflow document (parsed JSON or the raw text) and the bundle's dataset. */
export interface WorkflowSource {
  /** What to hand to `checkWorkflow`: the raw text for a bare document (keeps its parse errors exact). */
  document: unknown;
  /** True when the file was a studio bundle. */
  bundle: boolean;
  dataset?: BundledExamples;
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
  const envelope = readBundleEnvelope(value);
  if (envelope.kind === 'not-a-bundle') return { document: text, bundle: false };
  if (envelope.kind === 'refused') throw dataError(`${shownAs} is ${envelope.reason}.`);
  const source: WorkflowSource = { document: envelope.workflow, bundle: true };
  if (envelope.dataset === undefined) return source;
  const read = readBundleDataset(envelope.dataset);
  if (!read.ok) throw dataError(`${shownAs}: the bundle's dataset is not usable: ${read.message}`);
  const { dataset, split } = read.entry;
  return { ...source, dataset: { name: dataset.name, examples: labelBundleSplits(dataset.examples, split) } };
}
