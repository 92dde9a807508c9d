import type { AlgorithmName } from '../../backward/types';
import { gtbpUpdate } from './gtbp';
import { sembpUpdate } from './sembp';
import { textgradUpdate } from './textgrad';
import type { UpdateOperator } from './types';

/** The update operator of each algorithm (pluggable: a session may be given another map). */
export const updateOperators: Record<AlgorithmName, UpdateOperator> = {
  sembp: sembpUpdate,
  textgrad: textgradUpdate,
  gtbp: gtbpUpdate,
};

export * from './claims';
export { gtbpUpdate } from './gtbp';
export { gtbpEditBudget } from './gtbp-schedule';
export { sembpUpdate } from './sembp';
export { textgradUpdate } from './textgrad';
export type * from './types';
