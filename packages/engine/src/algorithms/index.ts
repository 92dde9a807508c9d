// Public API of the algorithms: the registry that names them, each one's definition, and the
// meta-prompts and payloads (with their answer schemas) of the walk algorithms; GEPA's are
// exported by gepa/index.ts.
export type * from './definition';
export * from './gepa/tasks';
export * from './gtbp/prompts';
export * from './gtbp/tasks';
export { algorithmDefinition } from './registry';
export * from './sembp/prompts';
export * from './sembp/tasks';
export * from './textgrad/prompts';
export * from './textgrad/tasks';
