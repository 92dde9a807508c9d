// Public API of the backward passes: one rule per method, the shared walk, blame and sampling.
export * from './blame';
export * from './error-batch';
export * from './gtbp';
export * from './rule';
export * from './run';
export * from './semantic';
export * from './support';
export * from './textgrad';
export * from './types';
export * from './walk';
