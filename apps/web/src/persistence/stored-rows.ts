/**
 * The contract of what the studio keeps in IndexedDB: a workflow row holds a document that
 * `parseWorkflow` accepts, a dataset row a well-formed dataset. Writes are checked with the same
 * readers as reads, so nothing stored can blank the page later; rows that still fail on read
 * (written by an older build, another tab, or by hand) are set aside by `quarantine.ts`.
 */
import { endpointProblems, type Workflow } from '@backflow/engine';
import { parseWorkflowValue } from '../engine-adapters/parse';
import { readRecipeDefaults } from '../optimize/recipe-defaults';
import { normalizeStudioSettings } from '../settings/provider-settings';
import { readDatasetEntry } from './dataset-shape';
import type { DatasetRow, SettingsRow, WorkflowRow } from './db';

/** A write the studio refused because the value would not read back; `message` says why. */
export class RefusedWrite extends Error {
  override name = 'RefusedWrite';
}

/** A stored row that reads, or the sentence saying why not. */
export type Read<T> = { ok: true; row: T } | { ok: false; message: string };

export const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** A stored workflow row, its document parsed as an imported one would be. */
export function readWorkflowRow(value: unknown): Read<WorkflowRow> {
  if (!isObject(value) || typeof value.id !== 'string') return { ok: false, message: 'the row has no id.' };
  const parsed = parseWorkflowValue(value.doc);
  if (!parsed.ok) return parsed;
  if (parsed.workflow.id !== value.id)
    return { ok: false, message: `the row ${value.id} holds the document of ${parsed.workflow.id}.` };
  const updatedAt = typeof value.updatedAt === 'number' ? value.updatedAt : 0;
  const writer = typeof value.writer === 'string' ? value.writer : '';
  // A recipe's defaults that do not read are dropped (the form then starts from its own defaults).
  const recipe = readRecipeDefaults(value.recipe);
  return {
    ok: true,
    row: {
      id: value.id,
      name: parsed.workflow.name,
      updatedAt,
      doc: parsed.workflow,
      writer,
      ...(recipe ? { recipe } : {}),
    },
  };
}

/** A stored dataset row, its dataset and split checked. */
export function readDatasetRow(value: unknown): Read<DatasetRow> {
  if (!isObject(value) || typeof value.id !== 'string' || typeof value.workflowId !== 'string')
    return { ok: false, message: 'the row has no id or project.' };
  const entry = readDatasetEntry({ dataset: value.dataset, split: value.split }, 'storage');
  if (!entry.ok) return entry;
  const updatedAt = typeof value.updatedAt === 'number' ? value.updatedAt : 0;
  return { ok: true, row: { id: value.id, workflowId: value.workflowId, updatedAt, ...entry.entry } };
}

/** Throws {@link RefusedWrite} unless `doc` would read back as a workflow. */
export function assertStorableWorkflow(doc: Workflow): void {
  const parsed = parseWorkflowValue(doc);
  if (!parsed.ok) throw new RefusedWrite(parsed.message);
}

/** Throws {@link RefusedWrite} unless `row` would read back as a dataset row. */
export function assertStorableDataset(row: DatasetRow): void {
  const read = readDatasetRow(row);
  if (!read.ok) throw new RefusedWrite(`The dataset is not usable: ${read.message}`);
}

/**
 * A stored settings row: the model settings in today's shape with both endpoints usable (the form
 * only applies settings without problems, so a failing row was written by an older build or by
 * hand), or the UI settings with a known theme. Rows of keys this build does not know are not
 * read here (`undefined`): a newer build may have written them.
 */
export function readSettingsRow(value: unknown): Read<SettingsRow> | undefined {
  if (!isObject(value)) return { ok: false, message: 'the settings row is not an object.' };
  if (value.key === 'models') {
    if (!isObject(value.value)) return { ok: false, message: 'the model settings are not an object.' };
    const settings = normalizeStudioSettings(value.value);
    const problems = [
      ...endpointProblems(settings.forward, 'Forward model'),
      ...endpointProblems(settings.optimizer, 'Optimizer model'),
    ];
    if (problems.length > 0) return { ok: false, message: problems.join(' ') };
    return { ok: true, row: { key: 'models', value: settings } };
  }
  if (value.key === 'ui') {
    const ui = value.value;
    if (!isObject(ui) || (ui.theme !== 'light' && ui.theme !== 'dark'))
      return { ok: false, message: 'the theme is neither light nor dark.' };
    if (ui.lastWorkflowId !== undefined && typeof ui.lastWorkflowId !== 'string')
      return { ok: false, message: 'the last project id is not text.' };
    const last = typeof ui.lastWorkflowId === 'string' ? { lastWorkflowId: ui.lastWorkflowId } : {};
    return { ok: true, row: { key: 'ui', value: { theme: ui.theme, ...last } } };
  }
  return undefined;
}

/** Throws {@link RefusedWrite} unless every settings row would read back. */
export function assertStorableSettings(rows: readonly SettingsRow[]): void {
  for (const row of rows) {
    const read = readSettingsRow(row);
    if (read && !read.ok) throw new RefusedWrite(`The settings were not stored: ${read.message}`);
  }
}
