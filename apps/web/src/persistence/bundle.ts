/**
 * The exported file: a workflow and optionally its dataset, versioned so later builds can migrate
 * it. Secrets never leave the browser: {@link stripSecrets} removes every key-like field, whatever
 * object it hides in, before anything is serialised.
 */
import { BUNDLE_FORMAT, BUNDLE_VERSION, readBundleEnvelope, type Workflow } from '@backflow/engine';
import { datasetFieldProblems } from '../engine-adapters/datasets';
import { parseWorkflowValue, readUntrustedJson } from '../engine-adapters/parse';
import { hugeTextWarnings, importRefusal } from '../engine-adapters/validate';
import { type DatasetEntry, readDatasetEntry } from './dataset-shape';

export interface Bundle {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  exportedAt: string;
  workflow: Workflow;
  dataset?: DatasetEntry;
}

const SECRET_KEY = /^(api[-_]?key|authorization|secret|password|bearer|access[-_]?token)$/i;

/** A deep copy of `value` without any property whose name looks like a credential. */
export function stripSecrets<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v) => (SECRET_KEY.test(key) ? undefined : v))) as T;
}

/** The text of an export file. */
export function exportBundle(workflow: Workflow, dataset?: Bundle['dataset'], now = new Date()): string {
  const bundle: Bundle = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    exportedAt: now.toISOString(),
    workflow,
    ...(dataset ? { dataset } : {}),
  };
  return `${JSON.stringify(stripSecrets(bundle), null, 2)}\n`;
}

export type ImportResult =
  | {
      ok: true;
      workflow: Workflow;
      dataset?: DatasetEntry;
      /** Things worth knowing that do not stop the import (a huge prompt). */
      warnings: string[];
    }
  | { ok: false; message: string };

/** What the CLI's `optimize` writes as report.json (docs/cli.md). */
const REPORT_FORMAT = 'backflow.optimize-report';

// Import sends reports to the run views (shell/file-io.ts) before they reach here: a report that
// does arrive here was handed over as a workflow file.
const REPORT_NOT_YET =
  'This is an optimization report (report.json), not a workflow: Import opens it in the run views; the workflow is the workflow.optimized.json written next to it.';

/**
 * Reads an export file, or a bare workflow document, into a workflow (+ dataset), checking all of
 * it before anything is stored: JSON that is empty, binary or too deeply nested is refused before
 * parsing; the workflow must parse and have no cycle; the dataset part must be a well-formed
 * dataset whose examples have every field the input nodes read.
 */
export function importBundle(text: string): ImportResult {
  const json = readUntrustedJson(text);
  if (!json.ok) return json;
  const obj = json.value as Partial<Record<keyof Bundle, unknown>> | null;
  if (obj !== null && typeof obj === 'object' && obj.format === REPORT_FORMAT)
    return { ok: false, message: REPORT_NOT_YET };
  // The engine unwraps the bundle and checks its dataset as the command line does (bundle/).
  const envelope = readBundleEnvelope(json.value);
  if (envelope.kind === 'refused') return { ok: false, message: `This file is ${envelope.reason}.` };
  const parsed = parseWorkflowValue(envelope.kind === 'bundle' ? envelope.workflow : json.value);
  if (!parsed.ok) return parsed;
  const refusal = importRefusal(parsed.workflow);
  if (refusal) return { ok: false, message: refusal };
  const warnings = hugeTextWarnings(parsed.workflow);
  if (envelope.kind !== 'bundle' || envelope.dataset === undefined)
    return { ok: true, workflow: parsed.workflow, warnings };
  const entry = readDatasetEntry(envelope.dataset, 'file');
  if (!entry.ok)
    return { ok: false, message: `Nothing was imported: the file's dataset is not usable: ${entry.message}` };
  const misfit = datasetFieldProblems(parsed.workflow, entry.entry.dataset);
  if (misfit.length > 0)
    return {
      ok: false,
      message: `Nothing was imported: the file's dataset does not fit its workflow. ${misfit.slice(0, 3).join(' ')}`,
    };
  return { ok: true, workflow: parsed.workflow, dataset: entry.entry, warnings };
}
