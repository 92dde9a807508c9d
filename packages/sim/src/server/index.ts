// The simulator's OpenAI-compatible HTTP server (Node only: import it from `@backflow/sim/server`).
export { createFaultPicker, type FaultPicker, resolveFaults } from './faults';
export { completionBody, errorBody, streamChunks, usageBody } from './openai-format';
export { type ParsedChatRequest, parseChatRequest } from './parse-request';
export { DEFAULT_SIM_MODEL_NAME, startSimServer } from './server';
export type { FaultKind, FaultRates, RequestLogEntry, SimServer, SimServerOptions } from './types';
