// Meta-prompts as named, versioned data, and their builders. (ask.ts, json-block.ts, tasks.ts and
// judge.ts are re-exported by the engine's root index.)
export * from './describe';
export * from './gtbp';
export * from './sembp';
export * from './template';
export * from './textgrad';
