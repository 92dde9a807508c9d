import * as z from 'zod';
import { lossSpecSchema } from './loss-spec';

/** The format tag every workflow document carries. */
export const WORKFLOW_FORMAT = 'backflow.workflow';
/** The workflow document version this build writes. Older versions are migrated on read. */
export const WORKFLOW_VERSION = 1;

/** Ids are used in templates, file names and CSS selectors: keep them simple. */
const idSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(
    /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/,
    'use letters, digits, "_", "-" or "." (and start with a letter or digit)',
  );

const positionSchema = z.object({ x: z.number().finite(), y: z.number().finite() }).strict();

const nodeCommon = {
  id: idSchema,
  /** Short human name shown on the canvas; defaults to the id. */
  label: z.string().max(200).optional(),
  position: positionSchema,
};

/** Named fields of a dataset example enter the graph here. */
export const inputNodeSchema = z
  .object({
    ...nodeCommon,
    kind: z.literal('input'),
    /** The example fields this node exposes, e.g. ["question"]. */
    fields: z.array(z.string().min(1)).min(1),
  })
  .strict();

/** An LLM call: the system prompt is the tunable parameter; the user template wires inputs in. */
export const llmNodeSchema = z
  .object({
    ...nodeCommon,
    kind: z.literal('llm'),
    /** What this node is for, in a sentence; used in backward prompts ("the role description"). */
    role: z.string().max(2000).default(''),
    /** The instruction the optimizer rewrites. */
    systemPrompt: z.string(),
    /** The user message, with `{{name}}` placeholders bound by incoming edges' `targetInput`. */
    userTemplate: z.string(),
    trainable: z.boolean().default(true),
    model: z.string().min(1).optional(),
    temperature: z.number().min(0).max(2).optional(),
    /**
     * Keep the model's reasoning (`<think>` blocks, `reasoning_content`) in the node's output.
     * Off by default: reasoning is scratch work, not the answer, and would flow downstream.
     */
    keepReasoning: z.boolean().optional(),
  })
  .strict();

/** A deterministic JavaScript transform; never tuned. */
export const codeNodeSchema = z
  .object({
    ...nodeCommon,
    kind: z.literal('code'),
    role: z.string().max(2000).default(''),
    /** Body of `function (inputs) { ... }` that returns a string; `inputs` maps input names to strings. */
    code: z.string(),
  })
  .strict();

/** The workflow's answer. Its single incoming edge carries the value that the loss scores. */
export const outputNodeSchema = z
  .object({
    ...nodeCommon,
    kind: z.literal('output'),
    /**
     * Which expected value this output is scored against: `target` (the example's main target) or
     * a key of the example's `targets` map, for workflows with several outputs.
     */
    targetKey: z.string().min(1).default('target'),
  })
  .strict();

export const workflowNodeSchema = z.discriminatedUnion('kind', [
  inputNodeSchema,
  llmNodeSchema,
  codeNodeSchema,
  outputNodeSchema,
]);

/** Connects an upstream node's output to a named input of a downstream node. */
export const workflowEdgeSchema = z
  .object({
    id: idSchema,
    source: idSchema,
    /** For an `input` source: which of its fields flows along this edge. */
    sourceField: z.string().min(1).optional(),
    target: idSchema,
    /** The input name on the target; an llm target refers to it as `{{targetInput}}`. */
    targetInput: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'use a template-friendly name like "question"'),
  })
  .strict();

export const workflowSchema = z
  .object({
    format: z.literal(WORKFLOW_FORMAT),
    version: z.literal(WORKFLOW_VERSION),
    id: idSchema,
    name: z.string().min(1).max(200),
    description: z.string().max(10_000).default(''),
    nodes: z.array(workflowNodeSchema),
    edges: z.array(workflowEdgeSchema),
    loss: lossSpecSchema.default({
      kind: 'exact',
      caseSensitive: false,
      trim: true,
      collapseWhitespace: true,
      stripPunctuation: false,
    }),
    /** The model used when a node has no override; filled from settings when absent. */
    defaults: z
      .object({ model: z.string().min(1).optional(), temperature: z.number().min(0).max(2).optional() })
      .strict()
      .default({}),
    updatedAt: z.string().optional(),
  })
  .strict();

export type InputNode = z.infer<typeof inputNodeSchema>;
export type LlmNode = z.infer<typeof llmNodeSchema>;
export type CodeNode = z.infer<typeof codeNodeSchema>;
export type OutputNode = z.infer<typeof outputNodeSchema>;
export type WorkflowNode = z.infer<typeof workflowNodeSchema>;
export type WorkflowEdge = z.infer<typeof workflowEdgeSchema>;
export type Workflow = z.infer<typeof workflowSchema>;
export type NodeKind = WorkflowNode['kind'];
