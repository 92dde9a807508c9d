import { createContext, type ReactNode, useContext } from 'react';
import type { Persistence } from '../persistence/attach';

/** Long-lived services the UI calls (passed down, never imported as globals). */
export interface Services {
  persistence: Persistence;
}

const ServicesContext = createContext<Services | null>(null);

/** Provides {@link Services} to the tree. */
export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

/** The services provided above this component. */
export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices: no <ServicesProvider> above this component');
  return services;
}
