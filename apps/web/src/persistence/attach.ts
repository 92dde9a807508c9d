/**
 * Connects a studio store to the database: loads the last project first, then saves document,
 * dataset and settings changes through throttled writers (never before the load has finished),
 * flushes when the page is hidden, and adopts changes another tab saved to the open project.
 */
import type { Workflow } from '@backflow/engine';
import { liveQuery } from 'dexie';
import { normalizeStudioSettings } from '../settings/provider-settings';
import type { StudioStore } from '../store/create-store';
import type { StudioState } from '../store/studio-state';
import type { BackflowDb } from './db';
import { createProject, listProjects, saveWorkflow } from './projects';
import { createThrottledWriter } from './throttle';

/** What the app gets back from {@link attachPersistence}. */
export interface Persistence {
  db: BackflowDb;
  /** Resolves when the initial load has been merged into the store. */
  ready: Promise<void>;
  /** Saves pending changes, then opens another project. */
  openProject(id: string): Promise<void>;
  /** Saves pending changes, creates an empty project and opens it. */
  newProject(name?: string): Promise<void>;
  /** Writes everything pending now. */
  flush(): Promise<void>;
  detach(): void;
}

/** Browser hooks the persistence listens to; absent in Node tests. */
export interface PageEvents {
  addEventListener(type: 'visibilitychange' | 'pagehide', fn: () => void): void;
  removeEventListener(type: 'visibilitychange' | 'pagehide', fn: () => void): void;
  isHidden(): boolean;
}

/** Loads from and saves to `db` on behalf of `store`. `tabId` tells this tab's writes apart. */
export function attachPersistence(
  store: StudioStore,
  db: BackflowDb,
  options: { tabId: string; page?: PageEvents; delayMs?: number },
): Persistence {
  const { tabId, page, delayMs = 300 } = options;
  let loadedDoc: Workflow | null = null;
  let lastOwnWrite = 0;
  const docWriter = createThrottledWriter<Workflow>(async (doc) => {
    const row = await saveWorkflow(db, doc, tabId);
    lastOwnWrite = row.updatedAt;
  }, delayMs);
  const dataWriter = createThrottledWriter<Pick<StudioState, 'dataset' | 'split' | 'doc'>>(async (s) => {
    const id = `${s.doc.id}:dataset`;
    if (!s.dataset) await db.datasets.delete(id);
    else
      await db.datasets.put({
        id,
        workflowId: s.doc.id,
        updatedAt: Date.now(),
        dataset: s.dataset,
        split: s.split,
      });
  }, delayMs);
  const settingsWriter = createThrottledWriter<Pick<StudioState, 'settings' | 'theme' | 'doc'>>(async (s) => {
    await db.settings.bulkPut([
      { key: 'models', value: s.settings },
      { key: 'ui', value: { theme: s.theme, lastWorkflowId: s.doc.id } },
    ]);
  }, delayMs);
  const writers = [docWriter, dataWriter, settingsWriter];
  const flush = async () => {
    await Promise.all(writers.map((w) => w.flush()));
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.doc !== prev.doc && s.doc !== loadedDoc) docWriter.push(s.doc);
    if ((s.dataset !== prev.dataset || s.split !== prev.split) && s.doc.id === prev.doc.id)
      dataWriter.push(s);
    if (s.settings !== prev.settings || s.theme !== prev.theme || s.doc.id !== prev.doc.id)
      settingsWriter.push(s);
  });

  let watch: { unsubscribe(): void } | null = null;
  const show = async (doc: Workflow) => {
    const row = await db.datasets.get(`${doc.id}:dataset`);
    loadedDoc = doc;
    store.getState().loadDoc(doc);
    store.setState({
      dataset: row?.dataset ?? null,
      ...(row ? { split: row.split } : {}),
      selectedNodeIds: [],
      selectedEdgeIds: [],
    });
    watch?.unsubscribe();
    // Another tab saving this project: adopt its version unless we have unsaved edits of our own.
    watch = liveQuery(() => db.workflows.get(doc.id)).subscribe((theirs) => {
      if (!theirs || theirs.writer === tabId || theirs.updatedAt <= lastOwnWrite || docWriter.pending) return;
      if (theirs.doc.id !== store.getState().doc.id) return;
      loadedDoc = theirs.doc;
      store.getState().loadDoc(theirs.doc);
    });
  };

  const ready = (async () => {
    const [models, ui] = await Promise.all([db.settings.get('models'), db.settings.get('ui')]);
    if (models?.key === 'models') store.setState({ settings: normalizeStudioSettings(models.value) });
    if (ui?.key === 'ui') store.setState({ theme: ui.value.theme });
    const lastId = ui?.key === 'ui' ? ui.value.lastWorkflowId : undefined;
    const row = (lastId ? await db.workflows.get(lastId) : undefined) ?? (await listProjects(db))[0];
    await show(row?.doc ?? (await createProject(db)));
    for (const w of writers) w.enable();
  })();

  const onHide = () => {
    if (!page || page.isHidden()) void flush();
  };
  page?.addEventListener('visibilitychange', onHide);
  page?.addEventListener('pagehide', onHide);

  return {
    db,
    ready,
    flush,
    async openProject(id) {
      await flush();
      const row = await db.workflows.get(id);
      if (row) await show(row.doc);
    },
    async newProject(name) {
      await flush();
      await show(await createProject(db, name));
    },
    detach() {
      unsubscribe();
      for (const w of writers) w.stop();
      watch?.unsubscribe();
      page?.removeEventListener('visibilitychange', onHide);
      page?.removeEventListener('pagehide', onHide);
    },
  };
}
