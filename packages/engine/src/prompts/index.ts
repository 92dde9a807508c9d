// Meta-prompts as named, versioned data (each algorithm's are in its folder, exported by
// algorithms/index.ts). (ask.ts, json-block.ts, tasks.ts and
// judge.ts are re-exported by the engine's root index.)

export * from './describe';
export * from './template';
