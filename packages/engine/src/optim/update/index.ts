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

export * from './claims';
export type * from './types';
