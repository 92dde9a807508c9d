import { createContext, type ReactNode, useContext } from 'react';
import { useStore } from 'zustand';
import type { StudioStore } from './create-store';
import type { StudioState } from './studio-state';

const StoreContext = createContext<StudioStore | null>(null);

/** Makes `store` available to {@link useStudio} below it. */
export function StudioProvider({ store, children }: { store: StudioStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** The store itself, for event handlers that read state without subscribing. */
export function useStudioStore(): StudioStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStudioStore: no <StudioProvider> above this component');
  return store;
}

/** Subscribes to a slice of studio state; use module-level selectors and `useShallow` for objects. */
export function useStudio<T>(selector: (state: StudioState) => T): T {
  return useStore(useStudioStore(), selector);
}
