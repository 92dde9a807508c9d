import { gtbpUpdate } from '../../algorithms/gtbp/update';
import { sembpUpdate } from '../../algorithms/sembp/update';
import { textgradUpdate } from '../../algorithms/textgrad/update';
import type { AlgorithmName } from '../../backward/types';
import type { UpdateOperator } from './types';

/** The update operator of each algorithm (pluggable: a session may be given another map). */
export const updateOperators: Record<AlgorithmName, UpdateOperator> = {
  sembp: sembpUpdate,
  textgrad: textgradUpdate,
  gtbp: gtbpUpdate,
};

export { gtbpEditBudget } from '../../algorithms/gtbp/schedule';
export { gtbpUpdate } from '../../algorithms/gtbp/update';
export { sembpUpdate } from '../../algorithms/sembp/update';
export { textgradUpdate } from '../../algorithms/textgrad/update';
export * from './claims';
export type * from './types';
