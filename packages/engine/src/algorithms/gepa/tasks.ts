import * as z from 'zod';
import { taskExchangeShape, taskNodeSchema } from '../../prompts/task-parts';

// GEPA (reflective prompt evolution, Agrawal et al. 2025): its meta-prompt's payload. The answer is
// the shared `promptAnswerSchema`. `gepaTasks` lists the payload for its definition; prompts/tasks.ts
// gathers every registered algorithm's into the union that is the contract with the simulator.

/** One step of a program's execution trace, as the reflection sees it. */
export const gepaTraceStepSchema = z.object({
  nodeId: z.string(),
  kind: z.enum(['llm', 'code']),
  role: z.string(),
  instruction: z.string(),
  /** The user message the step was sent (a code step: its inputs as JSON). */
  input: z.string(),
  output: z.string(),
});

/**
 * Reflective mutation: one module's instruction rewritten from the program's execution traces on
 * a minibatch and the loss's feedback on each example (GEPA's reflective dataset).
 */
export const gepaReflectTaskSchema = z.object({
  task: z.literal('gepa.reflect'),
  node: taskNodeSchema,
  examples: z.array(
    z.object({
      /** The message this module was sent and what it answered. */
      ...taskExchangeShape,
      /** The steps after this module, in execution order, down to the outputs. */
      trace: z.array(gepaTraceStepSchema),
      /** Per output node: the step that fed it, the value, the expected value, score and feedback. */
      outputs: z.array(
        z.object({
          id: z.string(),
          from: z.string(),
          value: z.string(),
          expected: z.string(),
          score: z.number(),
          feedback: z.string(),
        }),
      ),
      score: z.number(),
    }),
  ),
});

export type GepaReflectTask = z.infer<typeof gepaReflectTaskSchema>;
export type GepaTraceStep = z.infer<typeof gepaTraceStepSchema>;

/** Every payload its meta-prompts carry (its `AlgorithmDefinition.tasks`). */
export const gepaTasks = [gepaReflectTaskSchema] as const;
