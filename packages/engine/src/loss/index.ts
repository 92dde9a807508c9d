export { choiceLabels, choiceLoss, findCommittedLabel, labelKey } from './choice';
export { containsLoss } from './contains';
export { type EvaluateLossArgs, evaluateLoss } from './evaluate';
export { type ExactOptions, exactLoss, normalizeText } from './exact';
export {
  createFunctionJsLossRunner,
  type JsLossArgs,
  type JsLossRunner,
  jsLoss,
  jsLossRunnerFromCodeRunner,
  readJsLossValue,
} from './js';
export { type JudgeArgs, judgeLoss } from './judge';
export { type ExtractedNumber, extractFinalNumber, formatNumber, type NumberSource } from './numbers';
export { numericLoss } from './numeric';
export { regexLoss } from './regex';
export { expectedValue, formatExampleInput, type ScoreOptions, scoreBatch, scoreExample } from './score';
export {
  answerExactLoss,
  answerExactMatch,
  answerPart,
  answerTokenF1,
  normalizeAnswer,
  tokenF1Loss,
} from './token-f1';
export type { BatchScore, ExampleScore, LossResult } from './types';
