export { evaluateLoss } from './evaluate';
export { type JudgeArgs, judgeLoss } from './judge';
export { formatNumber } from './numbers';
export { expectedValue, scoreBatch, scoreExample } from './score';
export { normalizeAnswer } from './token-f1';
export type { ExampleScore, LossResult } from './types';
