import { type AlgorithmName, algorithmRegistry } from '../../algorithms/registry';
import type { UpdateOperator } from './types';

/**
 * The update operator of every registered algorithm that has one (pluggable: a session may be
 * given another map).
 */
export const updateOperators: Partial<Record<AlgorithmName, UpdateOperator>> = Object.fromEntries(
  Object.entries(algorithmRegistry).flatMap(([name, definition]) =>
    definition.update ? [[name, definition.update]] : [],
  ),
);

export { gtbpUpdate } from '../../algorithms/gtbp/update';
export { sembpUpdate } from '../../algorithms/sembp/update';
export { textgradUpdate } from '../../algorithms/textgrad/update';
export * from './claims';
export type * from './types';
