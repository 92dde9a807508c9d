// Public API of the backward passes: the shared walk, its signals, blame, and GTBP's module set.

export * from '../algorithms/gtbp/backward';
export * from './blame';
export * from './support';
export * from './types';
export * from './walk';
