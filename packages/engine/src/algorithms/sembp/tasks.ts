import * as z from 'zod';
import {
  backwardModeSchema,
  explanationSchema,
  taskExampleSchema,
  taskExchangeShape,
  taskInputSchema,
  taskMessageSchema,
  taskNodeSchema,
} from '../../prompts/task-parts';

// Semantic backpropagation (Wang et al.): its meta-prompts' payloads and their answer schemas.
// `sembpTasks` lists the payloads for its definition; prompts/tasks.ts gathers every registered
// algorithm's into the union that is the contract with the simulator.

/** One joint call per node-with-predecessors per example: sees ALL inputs (the neighbourhood). */
export const sembpGradientTaskSchema = z.object({
  task: z.literal('sembp.gradient'),
  /** "target": how should each input change; "comment": a quality comment per input. */
  variant: z.enum(['target', 'comment']),
  node: taskNodeSchema,
  example: taskExampleSchema,
  inputs: z.array(taskInputSchema),
  renderedUserMessage: z.string(),
  output: z.string(),
  messages: z.array(taskMessageSchema),
  mode: backwardModeSchema.optional(),
});
export const sembpGradientAnswerSchema = z.object({
  /** Keyed by upstream node id; every input of the request must appear. */
  inputs: z.record(
    z.string(),
    z.object({
      /** False means "this input is fine as it is". */
      change: z.boolean(),
      message: z.string(),
      suggestedValue: z.string().optional(),
    }),
  ),
  /** Weighed mode: "instruction" when the step's own instruction explains the output better. */
  explanation: explanationSchema,
});

/** Optional first step of the "critique first" update variant. */
export const sembpCritiqueTaskSchema = z.object({
  task: z.literal('sembp.critique'),
  node: taskNodeSchema,
  examples: z.array(
    z.object({
      ...taskExchangeShape,
      messages: z.array(taskMessageSchema),
    }),
  ),
});
export const sembpCritiqueAnswerSchema = z.object({ pros: z.array(z.string()), cons: z.array(z.string()) });

/** Free rewrite of a node's prompt from the messages it received. */
export const sembpUpdateTaskSchema = z.object({
  task: z.literal('sembp.update'),
  node: taskNodeSchema,
  examples: sembpCritiqueTaskSchema.shape.examples,
  critique: sembpCritiqueAnswerSchema.optional(),
});

export type SembpGradientTask = z.infer<typeof sembpGradientTaskSchema>;
export type SembpGradientAnswer = z.infer<typeof sembpGradientAnswerSchema>;
export type SembpCritiqueTask = z.infer<typeof sembpCritiqueTaskSchema>;
export type SembpCritiqueAnswer = z.infer<typeof sembpCritiqueAnswerSchema>;
export type SembpUpdateTask = z.infer<typeof sembpUpdateTaskSchema>;

/** Every payload its meta-prompts carry (its `AlgorithmDefinition.tasks`). */
export const sembpTasks = [sembpGradientTaskSchema, sembpCritiqueTaskSchema, sembpUpdateTaskSchema] as const;
