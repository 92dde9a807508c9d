/**
 * The exported file: a workflow and optionally its dataset, versioned so later builds can migrate
 * it. Secrets never leave the browser: {@link stripSecrets} removes every key-like field, whatever
 * object it hides in, before anything is serialised.
 */
import type { Dataset, Workflow } from '@backflow/engine';
import { parseWorkflowValue } from '../engine-adapters/parse';
import type { SplitConfig } from '../store/data-slice';

export const BUNDLE_FORMAT = 'backflow.bundle';
export const BUNDLE_VERSION = 1;

export interface Bundle {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  exportedAt: string;
  workflow: Workflow;
  dataset?: { dataset: Dataset; split: SplitConfig };
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
  | { ok: true; workflow: Workflow; dataset?: Bundle['dataset'] }
  | { ok: false; message: string };

/** Reads an export file, or a bare workflow document, into a workflow (+ dataset). */
export function importBundle(text: string): ImportResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `The file is not JSON: ${(err as Error).message}` };
  }
  const obj = value as Partial<Bundle> | null;
  if (obj && obj.format === BUNDLE_FORMAT) {
    if (obj.version !== BUNDLE_VERSION) {
      return {
        ok: false,
        message: `This file is bundle version ${String(obj.version)}; this build reads ${BUNDLE_VERSION}.`,
      };
    }
    const parsed = parseWorkflowValue(obj.workflow);
    if (!parsed.ok) return parsed;
    return { ok: true, workflow: parsed.workflow, ...(obj.dataset ? { dataset: obj.dataset } : {}) };
  }
  return parseWorkflowValue(value);
}
