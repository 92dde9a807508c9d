import { z } from 'zod';

/**
 * The machine-readable half of every backward meta-prompt. Each meta-prompt (see `prompts/`)
 * states its context in prose AND embeds one of these payloads as a single fenced ```json block
 * whose `task` field names it. Real models read either; the simulator (packages/sim) reads only
 * the block. Every answer is asked for as one fenced ```json block matching the task's answer
 * schema below; the engine parses it strictly (one repair retry, then a recorded failure).
 *
 * This file is the contract between the engine and the simulator: change both together.
 */

/** The node a backward request is about, as the optimizer sees it. */
export const taskNodeSchema = z.object({
  id: z.string(),
  kind: z.enum(['input', 'llm', 'code', 'output']),
  role: z.string(),
  /** The system prompt (the tunable parameter); empty for non-llm nodes. */
  instruction: z.string(),
  /** The user-message template with `{{name}}` placeholders. */
  userTemplate: z.string(),
  /** Code nodes only: the transform's source, so a backward call can reason about the step. */
  code: z.string().optional(),
});

/** One input of a node: the upstream node, the name it is bound to, and the value it carried. */
export const taskInputSchema = z.object({
  /** Upstream node id. */
  id: z.string(),
  /** The `{{name}}` this value fills in the node's template. */
  name: z.string(),
  kind: z.enum(['input', 'llm', 'code', 'output']),
  role: z.string(),
  value: z.string(),
});

/** A backward message a node received about its output. */
export const taskMessageSchema = z.object({
  /** Successor node id, or "loss" for the seed at an output. */
  from: z.string(),
  text: z.string(),
  /** When the sender could say exactly what the output should have been. */
  suggestedValue: z.string().optional(),
});

export const taskExampleSchema = z.object({
  id: z.string(),
  inputs: z.record(z.string(), z.string()),
});

/**
 * How a backward step explains a discrepancy at a node. "faithful" (the papers' steps): explain it
 * by the node's inputs, holding its instruction fixed (GTBP) or as the paper's gradient asks.
 * "weighed" (Backflow's extension): weigh "my own instruction is wrong" against "my inputs are
 * wrong" and keep the explanation that needs the smaller change. Absent means "faithful".
 */
export const backwardModeSchema = z.enum(['faithful', 'weighed']);
export type BackwardMode = z.infer<typeof backwardModeSchema>;

/**
 * In the weighed mode, which explanation the answer kept: "both" when the instruction is wrong and,
 * even with it fixed, the inputs must change too (the inputs' verdicts then ask for the change).
 */
export const explanationSchema = z.enum(['instruction', 'inputs', 'both', 'none']).optional();

// ---------------------------------------------------------------------------------------------
// Semantic backpropagation (Wang et al.)

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
      exampleId: z.string(),
      input: z.string(),
      output: z.string(),
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
export const promptAnswerSchema = z.object({ reasoning: z.string().optional(), prompt: z.string() });

// ---------------------------------------------------------------------------------------------
// TextGrad (baseline)

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
      exampleId: z.string(),
      input: z.string(),
      output: z.string(),
      feedback: z.array(taskMessageSchema),
    }),
  ),
});

// ---------------------------------------------------------------------------------------------
// GTBP (graph-based target back-propagation)

/** Module inversion: the input closest to the actual one that would produce the target output. */
export const gtbpInvertTaskSchema = z.object({
  task: z.literal('gtbp.invert'),
  node: taskNodeSchema,
  example: taskExampleSchema,
  inputs: z.array(taskInputSchema),
  renderedUserMessage: z.string(),
  output: z.string(),
  targetOutput: z.string(),
  mode: backwardModeSchema.optional(),
});
export const gtbpInvertAnswerSchema = z.object({
  /** Target value per upstream node id; equal to the actual value when that input already fits. */
  targets: z.record(z.string(), z.string()),
  reasoning: z.string().optional(),
  /** Weighed mode: "instruction" when the step's own instruction explains the target better. */
  explanation: explanationSchema,
});

/** Merge several successors' targets for one node into one target. */
export const gtbpReconcileTaskSchema = z.object({
  task: z.literal('gtbp.reconcile'),
  node: taskNodeSchema,
  example: taskExampleSchema,
  output: z.string(),
  candidates: z.array(z.object({ from: z.string(), target: z.string() })),
});
export const gtbpReconcileAnswerSchema = z.object({ target: z.string(), reasoning: z.string().optional() });

/** Stage-wise local update: structured edits of the prompt's claims under an edit budget. */
export const gtbpEditTaskSchema = z.object({
  task: z.literal('gtbp.edit'),
  node: taskNodeSchema,
  claims: z.array(z.object({ id: z.string(), text: z.string() })),
  moduleSet: z.array(
    z.object({ exampleId: z.string(), input: z.string(), output: z.string(), target: z.string() }),
  ),
  budget: z.object({ maxEdits: z.number().int().nonnegative(), mayAdd: z.boolean() }),
});
export const gtbpEditAnswerSchema = z.object({
  edits: z.array(
    z.discriminatedUnion('action', [
      z.object({ action: z.literal('replace'), claimId: z.string(), text: z.string() }),
      z.object({ action: z.literal('delete'), claimId: z.string() }),
      z.object({ action: z.literal('add'), text: z.string(), afterClaimId: z.string().optional() }),
    ]),
  ),
  reasoning: z.string().optional(),
});

// ---------------------------------------------------------------------------------------------
// LLM judge (loss)

export const judgeTaskSchema = z.object({
  task: z.literal('judge'),
  rubric: z.string(),
  input: z.string(),
  output: z.string(),
  target: z.string().optional(),
});
export const judgeAnswerSchema = z.object({ score: z.number().min(0).max(1), feedback: z.string() });

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
  judgeTaskSchema,
]);

export type TaskPayload = z.infer<typeof taskPayloadSchema>;
export type TaskName = TaskPayload['task'];
export type TaskNode = z.infer<typeof taskNodeSchema>;
export type TaskInput = z.infer<typeof taskInputSchema>;
export type TaskMessage = z.infer<typeof taskMessageSchema>;
export type SembpGradientTask = z.infer<typeof sembpGradientTaskSchema>;
/**
 * What a per-example backward request carries about the step it runs at: the node, the example,
 * every input, the message the step was sent and what it answered. Semantic backpropagation's
 * gradient and GTBP's inversion both condition on exactly this.
 */
export type StepContext = Pick<
  SembpGradientTask,
  'node' | 'example' | 'inputs' | 'renderedUserMessage' | 'output'
>;
export type SembpGradientAnswer = z.infer<typeof sembpGradientAnswerSchema>;
export type SembpCritiqueTask = z.infer<typeof sembpCritiqueTaskSchema>;
export type SembpCritiqueAnswer = z.infer<typeof sembpCritiqueAnswerSchema>;
export type SembpUpdateTask = z.infer<typeof sembpUpdateTaskSchema>;
export type PromptAnswer = z.infer<typeof promptAnswerSchema>;
export type TextgradLossTask = z.infer<typeof textgradLossTaskSchema>;
export type TextgradLossAnswer = z.infer<typeof textgradLossAnswerSchema>;
export type TextgradGradientTask = z.infer<typeof textgradGradientTaskSchema>;
export type TextgradGradientAnswer = z.infer<typeof textgradGradientAnswerSchema>;
export type TextgradUpdateTask = z.infer<typeof textgradUpdateTaskSchema>;
export type GtbpInvertTask = z.infer<typeof gtbpInvertTaskSchema>;
export type GtbpInvertAnswer = z.infer<typeof gtbpInvertAnswerSchema>;
export type GtbpReconcileTask = z.infer<typeof gtbpReconcileTaskSchema>;
export type GtbpReconcileAnswer = z.infer<typeof gtbpReconcileAnswerSchema>;
export type GtbpEditTask = z.infer<typeof gtbpEditTaskSchema>;
export type GtbpEditAnswer = z.infer<typeof gtbpEditAnswerSchema>;
export type JudgeTask = z.infer<typeof judgeTaskSchema>;
export type JudgeAnswer = z.infer<typeof judgeAnswerSchema>;
