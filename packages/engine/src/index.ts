// Public surface of the engine. Each area re-exports from its own index as it grows.
export * from './context';
export * from './datasets/types';
export * from './forward/types';
export * from './graph/loss-spec';
export * from './graph/schema';
export * from './prompts/json-block';
export * from './prompts/tasks';
export * from './providers/types';
