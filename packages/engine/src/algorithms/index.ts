// Public API of the algorithms: the registry that names them, each one's definition, and every
// algorithm's task payloads with their answer schemas (the simulator's contract).
export type * from './definition';
export * from './gepa/tasks';
export * from './gtbp/tasks';
export { algorithmDefinition } from './registry';
export * from './sembp/tasks';
export * from './textgrad/tasks';
