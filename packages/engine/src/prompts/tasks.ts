import * as z from 'zod';
import { type AlgorithmName, algorithmRegistry } from '../algorithms/registry';
import type { SembpGradientTask } from '../algorithms/sembp/tasks';
import { judgeTaskSchema } from './judge-task';

/**
 * The context of every backward meta-prompt. Each meta-prompt (see `prompts/template.ts`) sends
 * static instructions that name the payload's fields, then one of these payloads, once, as a
 * single compact fenced ```json block whose `task` field names it. Real models and the simulator
 * (packages/sim) read the same block. Every answer is asked for as one fenced ```json block matching the task's answer
 * schema below; the engine parses it strictly (one repair retry, then a recorded failure).
 *
 * This file is the contract between the engine and the simulator: change both together. Each
 * algorithm's payloads live in its folder (`algorithms/<name>/tasks.ts`, listed by its definition's
 * `tasks`), the shared pieces in `task-parts.ts`; this file gathers every registered algorithm's
 * from the registry, with the judge's, into the one union a meta-prompt can carry.
 */

export * from './judge-task';
export * from './task-parts';

/** A payload schema of some registered algorithm (its definition's `tasks`), or the judge's. */
type PayloadSchema = (typeof algorithmRegistry)[AlgorithmName]['tasks'][number] | typeof judgeTaskSchema;
const payloadSchemas: PayloadSchema[] = [
  ...Object.values(algorithmRegistry).flatMap((definition): readonly PayloadSchema[] => definition.tasks),
  judgeTaskSchema,
];

/** Every payload a meta-prompt can carry: each registered algorithm's, then the judge's. */
export const taskPayloadSchema = z.discriminatedUnion(
  'task',
  payloadSchemas as [PayloadSchema, ...PayloadSchema[]],
);

export type TaskPayload = z.infer<typeof taskPayloadSchema>;
/**
 * What a per-example backward request carries about the step it runs at: the node, the example,
 * every input, the message the step was sent and what it answered. Semantic backpropagation's
 * gradient and GTBP's inversion both condition on exactly this.
 */
export type StepContext = Pick<
  SembpGradientTask,
  'node' | 'example' | 'inputs' | 'renderedUserMessage' | 'output'
>;
