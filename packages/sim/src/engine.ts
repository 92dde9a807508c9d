/**
 * The one place the simulator reaches into the engine's contracts (types, task schemas, the json
 * block format). Relative source paths keep this working before the workspace link to
 * `@backflow/engine` exists; switching to the package name is a change in this file only.
 */
export type { Example } from '../../engine/src/datasets/types';
export type { LlmNode, Workflow, WorkflowNode } from '../../engine/src/graph/schema';
export { workflowSchema } from '../../engine/src/graph/schema';
export { readLastJsonBlock, readRequestBlock, toJsonBlock } from '../../engine/src/prompts/json-block';
export * from '../../engine/src/prompts/tasks';
export type {
  ChatMessage,
  ChatModel,
  ChatRequest,
  ChatResponse,
  TokenUsage,
} from '../../engine/src/providers/types';
export { createRng, type Rng, randomInt, sample, shuffled } from '../../engine/src/util/random';
