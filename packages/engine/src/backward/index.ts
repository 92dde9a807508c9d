// Public API of the backward passes: one rule per method, the shared walk, blame and sampling.

export * from '../algorithms/gtbp/backward';
export * from '../algorithms/sembp/backward';
export * from '../algorithms/textgrad/backward';
export * from './blame';
export * from './error-batch';
export * from './rule';
export * from './support';
export * from './types';
export * from './walk';
