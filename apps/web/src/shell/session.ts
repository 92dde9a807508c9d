/**
 * Per-tab session state (viewport per project, open panel) in sessionStorage: a second tab on
 * the same project keeps its own view, and a reload returns to where this tab was. Never in the
 * document, never in IndexedDB, never in undo.
 */
import type { Viewport } from '@xyflow/react';
import type { SidePanel } from '../store/ui-slice';

const PANELS: readonly SidePanel[] = ['inspector', 'problems', 'dataset', 'run', 'optimize'];

/** The viewport this tab last had on project `docId`, if any. */
export function readViewport(storage: Storage, docId: string): Viewport | null {
  try {
    const v = JSON.parse(storage.getItem(`backflow:viewport:${docId}`) ?? 'null') as Viewport | null;
    return v && [v.x, v.y, v.zoom].every(Number.isFinite) ? v : null;
  } catch {
    return null;
  }
}

/** Remembers this tab's viewport on project `docId`. */
export function writeViewport(storage: Storage, docId: string, viewport: Viewport): void {
  storage.setItem(`backflow:viewport:${docId}`, JSON.stringify(viewport));
}

/** The side panel this tab had open. */
export function readPanel(storage: Storage): SidePanel | null {
  const p = storage.getItem('backflow:panel') as SidePanel | null;
  return p && PANELS.includes(p) ? p : null;
}

/** Remembers the open side panel for this tab. */
export function writePanel(storage: Storage, panel: SidePanel): void {
  storage.setItem('backflow:panel', panel);
}
