import * as z from 'zod';
import {
  taskExampleSchema,
  taskExchangeShape,
  taskInputSchema,
  taskMessageSchema,
  taskNodeSchema,
} from '../../prompts/task-parts';

// TextGrad (baseline): its meta-prompts' payloads and their answer schemas. `textgradTasks` lists
// the payloads for its definition; prompts/tasks.ts gathers every registered algorithm's into the
// union that is the contract with the simulator.

/** Seed: turn the loss into textual feedback on the final output. */
export const textgradLossTaskSchema = z.object({
  task: z.literal('textgrad.loss'),
  node: taskNodeSchema,
  example: taskExampleSchema,
  output: z.string(),
  target: z.string(),
  score: z.number(),
  lossFeedback: z.string(),
});
export const textgradLossAnswerSchema = z.object({
  feedback: z.string(),
  suggestedValue: z.string().optional(),
});

/** One call per (node, input) edge, generated without the other inputs' values or messages. */
export const textgradGradientTaskSchema = z.object({
  task: z.literal('textgrad.gradient'),
  /**
   * What `input` is: one upstream input (absent or "input"), or the node's own system prompt
   * ("prompt": TextGrad's gradient on the parameter; then `input.id` is the node's id).
   */
  variable: z.enum(['input', 'prompt']).optional(),
  node: taskNodeSchema,
  renderedUserMessage: z.string(),
  output: z.string(),
  feedback: z.array(taskMessageSchema),
  input: taskInputSchema,
});
export const textgradGradientAnswerSchema = z.object({
  change: z.boolean(),
  criticism: z.string(),
  suggestedValue: z.string().optional(),
});

/** Textual gradient descent step for one parameter. */
export const textgradUpdateTaskSchema = z.object({
  task: z.literal('textgrad.update'),
  node: taskNodeSchema,
  gradients: z.array(
    z.object({
      ...taskExchangeShape,
      feedback: z.array(taskMessageSchema),
    }),
  ),
});

export type TextgradLossTask = z.infer<typeof textgradLossTaskSchema>;
export type TextgradLossAnswer = z.infer<typeof textgradLossAnswerSchema>;
export type TextgradGradientTask = z.infer<typeof textgradGradientTaskSchema>;
export type TextgradGradientAnswer = z.infer<typeof textgradGradientAnswerSchema>;
export type TextgradUpdateTask = z.infer<typeof textgradUpdateTaskSchema>;

/** Every payload its meta-prompts carry (its `AlgorithmDefinition.tasks`). */
export const textgradTasks = [
  textgradLossTaskSchema,
  textgradGradientTaskSchema,
  textgradUpdateTaskSchema,
] as const;
