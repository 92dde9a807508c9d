import * as z from 'zod';
import { gepaReflectTaskSchema } from '../algorithms/gepa/tasks';
import { gtbpEditTaskSchema, gtbpInvertTaskSchema, gtbpReconcileTaskSchema } from '../algorithms/gtbp/tasks';
import {
  type SembpGradientTask,
  sembpCritiqueTaskSchema,
  sembpGradientTaskSchema,
  sembpUpdateTaskSchema,
} from '../algorithms/sembp/tasks';
import {
  textgradGradientTaskSchema,
  textgradLossTaskSchema,
  textgradUpdateTaskSchema,
} from '../algorithms/textgrad/tasks';
import { judgeTaskSchema } from './judge-task';

/**
 * The context of every backward meta-prompt. Each meta-prompt (see `prompts/template.ts`) sends
 * static instructions that name the payload's fields, then one of these payloads, once, as a
 * single compact fenced ```json block whose `task` field names it. Real models and the simulator
 * (packages/sim) read the same block. Every answer is asked for as one fenced ```json block matching the task's answer
 * schema below; the engine parses it strictly (one repair retry, then a recorded failure).
 *
 * This file is the contract between the engine and the simulator: change both together. Each
 * algorithm's payloads live in its folder (`algorithms/<name>/tasks.ts`), the shared pieces in
 * `task-parts.ts`; this file gathers them into the one union a meta-prompt can carry.
 */

export * from '../algorithms/gepa/tasks';
export * from '../algorithms/gtbp/tasks';
export * from '../algorithms/sembp/tasks';
export * from '../algorithms/textgrad/tasks';
export * from './judge-task';
export * from './task-parts';

/** Every payload a meta-prompt can carry. */
export const taskPayloadSchema = z.discriminatedUnion('task', [
  sembpGradientTaskSchema,
  sembpCritiqueTaskSchema,
  sembpUpdateTaskSchema,
  textgradLossTaskSchema,
  textgradGradientTaskSchema,
  textgradUpdateTaskSchema,
  gtbpInvertTaskSchema,
  gtbpReconcileTaskSchema,
  gtbpEditTaskSchema,
  gepaReflectTaskSchema,
  judgeTaskSchema,
]);

export type TaskPayload = z.infer<typeof taskPayloadSchema>;
export type TaskName = TaskPayload['task'];
/**
 * What a per-example backward request carries about the step it runs at: the node, the example,
 * every input, the message the step was sent and what it answered. Semantic backpropagation's
 * gradient and GTBP's inversion both condition on exactly this.
 */
export type StepContext = Pick<
  SembpGradientTask,
  'node' | 'example' | 'inputs' | 'renderedUserMessage' | 'output'
>;
