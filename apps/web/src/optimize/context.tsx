/**
 * Provides the optimize driver and its store to the studio (created once per studio, next to the
 * persistence it writes through), and the per-node hooks the canvas uses for blame colouring.
 */
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useServices } from '../shell/services';
import { useStudioStore } from '../store/react';
import { createEngineClient } from '../worker/client';
import { createOptimizeDriver, type OptimizeDriver } from './driver';
import { createOptimizeStore, type OptimizeState, type OptimizeStore } from './optimize-state';

interface OptimizeContextValue {
  driver: OptimizeDriver;
  store: OptimizeStore;
}

const OptimizeContext = createContext<OptimizeContextValue | null>(null);
// Components rendered without a provider (unit tests of the canvas) read this idle store.
const IDLE_STORE = createOptimizeStore();

/** Creates the driver over this studio's store and database; offers resume after the load. */
export function OptimizeProvider({ children }: { children: ReactNode }) {
  const studio = useStudioStore();
  const { persistence } = useServices();
  const [value] = useState<OptimizeContextValue>(() => {
    const store = createOptimizeStore();
    const driver = createOptimizeDriver({
      db: persistence.db,
      studio,
      store,
      createClient: createEngineClient,
    });
    return { driver, store };
  });
  const docId = useStore(studio, (s) => s.doc.id);
  useEffect(() => {
    let live = true;
    // Runs, stored or live, belong to the workflow they ran: each opened workflow shows its own.
    value.driver.switchWorkflow(docId);
    void persistence.ready.then(() => {
      // Each opened project gets its own offer (docId is why this effect re-runs).
      if (live && docId) void value.driver.checkResumable();
    });
    return () => {
      live = false;
    };
  }, [persistence, value, docId]);
  useEffect(() => () => value.driver.dispose(), [value]);
  return <OptimizeContext.Provider value={value}>{children}</OptimizeContext.Provider>;
}

/** The driver (throws outside an {@link OptimizeProvider}). */
export function useOptimizeDriver(): OptimizeDriver {
  const value = useContext(OptimizeContext);
  if (!value) throw new Error('useOptimizeDriver: no <OptimizeProvider> above this component');
  return value.driver;
}

/** A slice of the optimize state (the idle state outside a provider). */
export function useOptimize<T>(selector: (s: OptimizeState) => T): T {
  const value = useContext(OptimizeContext);
  return useStore(value?.store ?? IDLE_STORE, selector);
}

/** How a node looks during the backward pass; a string so the node re-renders only when it changes. */
export function useBackwardLook(nodeId: string): string {
  return useOptimize((s) => backwardLookOf(s, nodeId));
}

/**
 * "rank|current|blame|fixed/checked": 1-based order in which the pass reached the node (0: not
 * yet), whether it is the node being processed, its blame in [0, 1] (-1: none yet), and its
 * counterfactual check (empty: none ran).
 */
export function backwardLookOf(s: OptimizeState, nodeId: string): string {
  if (s.runId === null) return '';
  const rank = s.backwardOrder.indexOf(nodeId) + 1;
  const current = rank > 0 && rank === s.backwardOrder.length && Object.keys(s.blame).length === 0;
  const blame = s.blame[nodeId]?.blame ?? -1;
  const check = s.checks[nodeId];
  return `${rank}|${current ? 1 : 0}|${blame}|${check ? `${check.fixed.length}/${check.checked.length}` : ''}`;
}
