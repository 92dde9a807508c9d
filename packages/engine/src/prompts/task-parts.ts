import * as z from 'zod';
import type { NodeKind } from '../graph/schema';
import { NODE_KINDS } from '../nodes/registry';

/** A node kind as payloads name it: any registered kind. */
const nodeKindSchema = z.enum(NODE_KINDS as [NodeKind, ...NodeKind[]]);

// The pieces every algorithm's task payloads share (see tasks.ts).

/** The node a backward request is about, as the optimizer sees it. */
export const taskNodeSchema = z.object({
  id: z.string(),
  kind: nodeKindSchema,
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
  kind: nodeKindSchema,
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

/**
 * One example as an update sees it at a node: the message the node was sent (`input`) and what it
 * answered; each algorithm adds what the node was told (messages, feedback, a trace).
 */
export const taskExchangeShape = { exampleId: z.string(), input: z.string(), output: z.string() };

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

/** An update's answer: the new prompt, with optional reasoning (semantic backprop and TextGrad). */
export const promptAnswerSchema = z.object({ reasoning: z.string().optional(), prompt: z.string() });

export type TaskNode = z.infer<typeof taskNodeSchema>;
export type TaskInput = z.infer<typeof taskInputSchema>;
export type TaskMessage = z.infer<typeof taskMessageSchema>;
export type PromptAnswer = z.infer<typeof promptAnswerSchema>;
