// Public API of dataset import: read a file, inspect it, map it to examples, split it.
export * from './bbh';
export * from './build';
export * from './decode';
export * from './detect';
export * from './gsm8k';
export * from './gsm8k-file';
export * from './hotpotqa';
export * from './inspect';
export * from './liar';
export * from './parse-table';
export * from './presets';
export * from './split';
export * from './table';
export * from './types';
