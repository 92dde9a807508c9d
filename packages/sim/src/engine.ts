/**
 * The one place the simulator reaches into the engine's contracts (types, task schemas, the json
 * block format), through the engine's public index like any other package.
 */
// Types are erased at build time, so all of them may come through.
export type * from '@backflow/engine';
export {
  createRng,
  editDistance,
  estimateUsage,
  gtbpEditAnswerSchema,
  gtbpInvertAnswerSchema,
  gtbpReconcileAnswerSchema,
  isPlainObject,
  judgeAnswerSchema,
  promptAnswerSchema,
  randomInt,
  readLastJsonBlock,
  readRequestBlock,
  sample,
  sembpCritiqueAnswerSchema,
  sembpGradientAnswerSchema,
  shuffled,
  stripUndefined,
  taskPayloadSchema,
  textgradGradientAnswerSchema,
  textgradLossAnswerSchema,
  toJsonBlock,
  workflowSchema,
} from '@backflow/engine';
