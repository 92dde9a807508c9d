// Meta-prompts as named, versioned data, and their builders. (ask.ts, json-block.ts, tasks.ts and
// judge.ts are re-exported by the engine's root index.)

export * from '../algorithms/gtbp/prompts';
export * from '../algorithms/sembp/prompts';
export * from '../algorithms/textgrad/prompts';
export * from './describe';
export * from './template';
