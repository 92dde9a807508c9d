/**
 * The project list: each project is one saved workflow (plus its dataset). Plain functions over
 * the database handle so the UI, the autosaver and tests share them.
 */
import type { Workflow } from '@backflow/engine';
import type { RecipeDefaults } from '../optimize/recipe-defaults';
import { emptyWorkflow } from '../store/doc-ops';
import type { BackflowDb, DatasetRow, WorkflowRow } from './db';
import {
  assertStorableDataset,
  assertStorableWorkflow,
  readDatasetRow,
  readWorkflowRow,
} from './stored-rows';

/** A fresh project id; random so two tabs creating projects at once never collide. */
export function newProjectId(): string {
  return `wf_${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * Writes `doc` as the current version of its project. `writer` says which tab wrote it. Throws
 * {@link RefusedWrite} (and writes nothing) when the document would not read back.
 */
export async function saveWorkflow(
  db: BackflowDb,
  doc: Workflow,
  writer = '',
  /** A paper recipe's defaults for the project (given when it opens; later saves keep them). */
  recipe?: RecipeDefaults,
): Promise<WorkflowRow> {
  assertStorableWorkflow(doc);
  const row: WorkflowRow = { id: doc.id, name: doc.name, updatedAt: Date.now(), doc, writer };
  return db.transaction('rw', db.workflows, async () => {
    const kept = recipe ?? (await db.workflows.get(doc.id))?.recipe;
    const stored = kept ? { ...row, recipe: kept } : row;
    await db.workflows.put(stored);
    return stored;
  });
}

/**
 * Writes a dataset row; throws {@link RefusedWrite} (and writes nothing) when it would not read
 * back. Every dataset write goes through here (autosave, import, gallery, duplicate, undo).
 */
export async function saveDatasetRow(db: BackflowDb, row: DatasetRow): Promise<void> {
  assertStorableDataset(row);
  await db.datasets.put(row);
}

/** Creates and stores an empty project. */
export async function createProject(db: BackflowDb, name = 'Untitled workflow'): Promise<Workflow> {
  const doc = emptyWorkflow(newProjectId(), name);
  await saveWorkflow(db, doc);
  return doc;
}

/** Renames a project (both the row and the document inside it). */
export async function renameProject(db: BackflowDb, id: string, name: string): Promise<void> {
  const row = await getProject(db, id);
  if (!row) return;
  const doc = { ...row.doc, name };
  assertStorableWorkflow(doc);
  await db.workflows.put({ ...row, name, updatedAt: Date.now(), doc });
}

/** Copies a project and its dataset under a new id; returns the copy's document. */
export async function duplicateProject(db: BackflowDb, id: string): Promise<Workflow | undefined> {
  const row = await getProject(db, id);
  if (!row) return undefined;
  const doc: Workflow = { ...row.doc, id: newProjectId(), name: `${row.name.slice(0, 193)} (copy)` };
  const datasets = await db.datasets.where('workflowId').equals(id).toArray();
  // An unreadable dataset is not copied: the next load sets the original aside.
  const readable = datasets.flatMap((d) => {
    const read = readDatasetRow(d);
    return read.ok ? [read.row] : [];
  });
  await db.transaction('rw', db.workflows, db.datasets, async () => {
    await saveWorkflow(db, doc, '', row.recipe);
    for (const d of readable) await saveDatasetRow(db, { ...d, id: `${doc.id}:dataset`, workflowId: doc.id });
  });
  return doc;
}

/** What {@link deleteProject} removed, so an "Undo" toast can put it back. */
export interface DeletedProject {
  workflow: WorkflowRow;
  datasets: DatasetRow[];
}

/** Deletes a project and its dataset; returns them for {@link restoreProject}. */
export async function deleteProject(db: BackflowDb, id: string): Promise<DeletedProject | undefined> {
  return db.transaction('rw', db.workflows, db.datasets, async () => {
    const workflow = await db.workflows.get(id);
    if (!workflow) return undefined;
    const datasets = await db.datasets.where('workflowId').equals(id).toArray();
    await db.workflows.delete(id);
    await db.datasets.where('workflowId').equals(id).delete();
    return { workflow, datasets };
  });
}

/** Puts a deleted project back exactly as it was. */
export async function restoreProject(db: BackflowDb, deleted: DeletedProject): Promise<void> {
  await db.transaction('rw', db.workflows, db.datasets, async () => {
    // What was deleted is checked like any write: a row that no longer read stays deleted.
    assertStorableWorkflow(deleted.workflow.doc);
    await db.workflows.put(deleted.workflow);
    for (const d of deleted.datasets) if (readDatasetRow(d).ok) await saveDatasetRow(db, d);
  });
}

/**
 * Projects newest first (the project list's query), each read as an import would be; a row that
 * does not read is left out here (the next load sets it aside, see quarantine.ts).
 */
export async function listProjects(db: BackflowDb): Promise<WorkflowRow[]> {
  const rows = (await db.workflows.orderBy('updatedAt').reverse().toArray()) as unknown[];
  return rows.flatMap((r) => {
    const read = readWorkflowRow(r);
    return read.ok ? [read.row] : [];
  });
}

/** The stored project `id`, read as an import would be: undefined when absent or unreadable. */
export async function getProject(db: BackflowDb, id: string): Promise<WorkflowRow | undefined> {
  const read = readWorkflowRow(await db.workflows.get(id));
  return read.ok ? read.row : undefined;
}
