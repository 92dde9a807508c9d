/**
 * Session state of the studio: selection, panels, dialogs, theme, toasts and node sizes measured
 * by the canvas. None of it enters the undo history, so selecting or deselecting never wipes redo.
 */
import type { StateCreator } from 'zustand';
import type { StudioState } from './studio-state';

export type Theme = 'light' | 'dark';
export type SidePanel = 'inspector' | 'problems' | 'dataset' | 'run' | 'optimize';
export type Dialog =
  | 'shortcuts'
  | 'settings'
  | 'gallery'
  | 'projects'
  | 'dataset-import'
  | 'experiments'
  | null;

export interface Toast {
  id: number;
  text: string;
  kind: 'info' | 'error';
  /** An action offered next to the text, e.g. "Undo" after a delete. */
  action?: { label: string; run: () => void };
}

export interface UiSlice {
  selectedNodeIds: string[];
  selectedEdgeIds: string[];
  theme: Theme;
  panel: SidePanel;
  dialog: Dialog;
  snapToGrid: boolean;
  /** Width/height per node id as measured by the canvas; the canvas needs them on every node. */
  measured: Record<string, { width: number; height: number }>;
  toasts: Toast[];
  /** A request to center the canvas on a node; `seq` makes repeated requests distinct. */
  focusRequest: { nodeId: string; seq: number } | null;
  setSelection(nodeIds: string[], edgeIds: string[]): void;
  setTheme(theme: Theme): void;
  setPanel(panel: SidePanel): void;
  setDialog(dialog: Dialog): void;
  setSnapToGrid(on: boolean): void;
  setMeasured(sizes: Record<string, { width: number; height: number }>): void;
  /** Shows a toast and returns its id; it goes away after `ms` (default 5 s). */
  toast(text: string, options?: { kind?: Toast['kind']; action?: Toast['action']; ms?: number }): number;
  dismissToast(id: number): void;
  focusNode(nodeId: string): void;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/** The ui slice of the studio store. */
export const createUiSlice: StateCreator<StudioState, [], [], UiSlice> = (set, get) => {
  let toastSeq = 0;
  return {
    selectedNodeIds: [],
    selectedEdgeIds: [],
    theme: 'light',
    panel: 'inspector',
    dialog: null,
    snapToGrid: false,
    measured: {},
    toasts: [],
    focusRequest: null,
    setSelection(nodeIds, edgeIds) {
      const s = get();
      if (sameIds(s.selectedNodeIds, nodeIds) && sameIds(s.selectedEdgeIds, edgeIds)) return;
      set({ selectedNodeIds: nodeIds, selectedEdgeIds: edgeIds });
    },
    setTheme: (theme) => set({ theme }),
    setPanel: (panel) => set({ panel }),
    setDialog: (dialog) => set({ dialog }),
    setSnapToGrid: (snapToGrid) => set({ snapToGrid }),
    setMeasured(sizes) {
      set({ measured: { ...get().measured, ...sizes } });
    },
    toast(text, options = {}) {
      const id = ++toastSeq;
      const toast: Toast = {
        id,
        text,
        kind: options.kind ?? 'info',
        ...(options.action ? { action: options.action } : {}),
      };
      set({ toasts: [...get().toasts.slice(-3), toast] });
      // Timers belong to the browser; in Node tests they simply fire later or never matter.
      setTimeout(() => get().dismissToast(id), options.ms ?? 5000);
      return id;
    },
    dismissToast(id) {
      if (get().toasts.some((t) => t.id === id)) set({ toasts: get().toasts.filter((t) => t.id !== id) });
    },
    focusNode(nodeId) {
      set({ focusRequest: { nodeId, seq: (get().focusRequest?.seq ?? 0) + 1 }, selectedNodeIds: [nodeId] });
    },
  };
};
