// The simulator's OpenAI-compatible HTTP server (Node only: import it from `@backflow/sim/server`).
export { startSimServer } from './server';
export type { FaultKind, FaultRates, RequestLogEntry, SimServer, SimServerOptions } from './types';
