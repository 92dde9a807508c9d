// Public surface of the provider layer: the ChatModel contract, the OpenAI-compatible client,
// presets, limits, retries, cache, accounting, diagnosis and the composition of all of them.
export * from './accounting';
export * from './batch-model';
export * from './build-models';
export * from './cache';
export * from './call-sums';
export * from './compose';
export * from './diagnose';
export * from './endpoint-settings';
export * from './endpoint-url';
export * from './errors';
export * from './limits';
export * from './openai-batch';
export * from './openai-client';
export * from './openai-provider';
export * from './presets';
export * from './retry';
export * from './sleep';
export * from './types';
