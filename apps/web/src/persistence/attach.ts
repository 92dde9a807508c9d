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
import type { BackflowDb, SettingsRow } from './db';
import { createProject, getProject, listProjects, saveDatasetRow, saveWorkflow } from './projects';
import { quarantineUnreadable, toastSetAside } from './quarantine';
import { assertStorableSettings, RefusedWrite, readDatasetRow, readSettingsRow } from './stored-rows';
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
  // A refused write keeps the last good version stored and says why, once per reason and writer
  // (each writer runs again on every change until its value reads back).
  const lastRefusal = { doc: '', data: '', settings: '' };
  const refusing = (writer: keyof typeof lastRefusal, write: () => Promise<void>) => async () => {
    try {
      await write();
      lastRefusal[writer] = '';
    } catch (err) {
      if (!(err instanceof RefusedWrite)) throw err;
      if (err.message !== lastRefusal[writer])
        store.getState().toast(`Not saved: ${err.message} The last saved version is kept.`, {
          kind: 'error',
          ms: 12000,
        });
      lastRefusal[writer] = err.message;
    }
  };
  const docWriter = createThrottledWriter<Workflow>(
    (doc) =>
      refusing('doc', async () => {
        const row = await saveWorkflow(db, doc, tabId);
        lastOwnWrite = row.updatedAt;
      })(),
    delayMs,
  );
  const dataWriter = createThrottledWriter<Pick<StudioState, 'dataset' | 'split' | 'doc'>>(
    (s) =>
      refusing('data', async () => {
        const id = `${s.doc.id}:dataset`;
        if (!s.dataset) return db.datasets.delete(id);
        const row = { id, workflowId: s.doc.id, updatedAt: Date.now(), dataset: s.dataset, split: s.split };
        await saveDatasetRow(db, row);
      })(),
    delayMs,
  );
  const settingsWriter = createThrottledWriter<Pick<StudioState, 'settings' | 'theme' | 'doc'>>(
    (s) =>
      refusing('settings', async () => {
        const rows: SettingsRow[] = [
          { key: 'models', value: s.settings },
          { key: 'ui', value: { theme: s.theme, lastWorkflowId: s.doc.id } },
        ];
        assertStorableSettings(rows);
        await db.settings.bulkPut(rows);
      })(),
    delayMs,
  );
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
    const read = readDatasetRow(await db.datasets.get(`${doc.id}:dataset`));
    const row = read.ok ? read.row : undefined;
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
    watch = liveQuery(() => getProject(db, doc.id)).subscribe((theirs) => {
      // An edit whose save was refused is unsaved too: never replace it with the stored version.
      const unsaved = docWriter.pending || lastRefusal.doc !== '';
      if (!theirs || theirs.writer === tabId || theirs.updatedAt <= lastOwnWrite || unsaved) return;
      if (theirs.doc.id !== store.getState().doc.id) return;
      loadedDoc = theirs.doc;
      store.getState().loadDoc(theirs.doc);
    });
  };

  // The small tables only: a run's events and calls are checked when the run is read (run-reads.ts).
  const quarantineNow = async () => toastSetAside(store)(await quarantineUnreadable(db));
  const ready = (async () => {
    await quarantineNow();
    const [models, ui] = (await Promise.all([db.settings.get('models'), db.settings.get('ui')])).map((row) =>
      row === undefined ? undefined : readSettingsRow(row),
    );
    if (models?.ok && models.row.key === 'models')
      store.setState({ settings: normalizeStudioSettings(models.row.value) });
    if (ui?.ok && ui.row.key === 'ui') store.setState({ theme: ui.row.value.theme });
    const lastId = ui?.ok && ui.row.key === 'ui' ? ui.row.value.lastWorkflowId : undefined;
    const row = (lastId ? await getProject(db, lastId) : undefined) ?? (await listProjects(db))[0];
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
      const row = await getProject(db, id);
      if (row) return show(row.doc);
      // Stored but unreadable (written meanwhile by another build or tab): set it aside now.
      await quarantineNow();
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
