/**
 * A small API on `window.__backflow` for end-to-end specs (installed in dev, or with `?e2e` in
 * the URL): open a workflow document, read the state, wait for saves. Specs drive the UI with the
 * mouse where the feature is the UI, and use this only to set up or to read what they assert.
 */
import type { Workflow } from '@backflow/engine';
import { parseWorkflowValue } from '../engine-adapters/parse';
import type { Persistence } from '../persistence/attach';
import { saveWorkflow } from '../persistence/projects';
import type { StudioStore } from '../store/create-store';
import { problemsOf } from '../store/selectors';

export interface BackflowWindowApi {
  /** Validates `doc`, stores it as a project and opens it. */
  loadWorkflow(doc: unknown): Promise<void>;
  /** The open document. */
  getWorkflow(): Workflow;
  /** A plain snapshot of what specs assert on. */
  getState(): {
    nodeCount: number;
    edgeCount: number;
    selected: string[];
    canUndo: boolean;
    canRedo: boolean;
    problems: string[];
    datasetSize: number;
  };
  /** Writes everything pending to IndexedDB now. */
  flush(): Promise<void>;
  ready: Promise<void>;
}

/** Installs {@link BackflowWindowApi} as `win.__backflow`. */
export function installWindowApi(win: Window, store: StudioStore, persistence: Persistence): void {
  const api: BackflowWindowApi = {
    ready: persistence.ready,
    async loadWorkflow(value) {
      const r = parseWorkflowValue(value);
      if (!r.ok) throw new Error(r.message);
      await persistence.ready;
      await saveWorkflow(persistence.db, r.workflow);
      await persistence.openProject(r.workflow.id);
    },
    getWorkflow: () => store.getState().doc,
    getState() {
      const s = store.getState();
      return {
        nodeCount: s.doc.nodes.length,
        edgeCount: s.doc.edges.length,
        selected: s.selectedNodeIds,
        canUndo: s.past.length > 0,
        canRedo: s.future.length > 0,
        problems: problemsOf(s.doc).problems.map((p) => p.code),
        datasetSize: s.dataset?.examples.length ?? 0,
      };
    },
    flush: () => persistence.flush(),
  };
  (win as unknown as { __backflow: BackflowWindowApi }).__backflow = api;
}
