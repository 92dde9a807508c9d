// Public surface of the engine: each area exports its API from its own index.
export * from './backward/index';
export * from './code/index';
export * from './context';
export * from './datasets/index';
export * from './forward/index';
export * from './graph/index';
export * from './loss/index';
export * from './optim/index';
export * from './prompts/ask';
export * from './prompts/index';
export * from './prompts/json-block';
export * from './prompts/judge';
export * from './prompts/tasks';
export * from './protocol';
export * from './providers/index';
export * from './report/index';
export * from './util/random';
