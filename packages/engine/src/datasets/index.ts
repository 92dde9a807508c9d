// Public API of dataset import: read a file, inspect it, map it to examples, split it.
export * from './build';
export * from './decode';
export * from './detect';
export * from './input-fields';
export * from './inspect';
export * from './parse-table';
export * from './repeated-id';
export * from './split';
export * from './table';
export * from './types';
